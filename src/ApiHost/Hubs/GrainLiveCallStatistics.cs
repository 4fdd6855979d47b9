using Dapper;
using Npgsql;
using Pbx.ApiHost.Apis.Stats;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// Live figures for a host that runs the silo: registrations from each enabled extension's grain, calls from the
/// <see cref="LiveCallBoard"/>. Asks every extension grain, which is cheap for a PBX's few hundred extensions.
/// </summary>
public sealed class GrainLiveCallStatistics(IGrainFactory grains, NpgsqlDataSource db, LiveCallBoard board) : ILiveCallStatistics
{
    public async ValueTask<int> CountRegisteredExtensionsAsync(CancellationToken cancellationToken) =>
        (await ListRegisteredExtensionsAsync(cancellationToken)).Count;

    public async ValueTask<IReadOnlyList<string>> ListRegisteredExtensionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var numbers = (await connection.QueryAsync<string>(new CommandDefinition(
            "select number from extensions where enabled order by number", cancellationToken: cancellationToken))).AsList();
        var bindings = await Task.WhenAll(numbers.Select(n => grains.GetGrain<IExtensionGrain>(n).GetBindingsAsync()));
        return [.. numbers.Where((_, i) => bindings[i].Count > 0)];
    }

    public ValueTask<int> CountActiveCallsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(board.ActiveCallCount);
}
