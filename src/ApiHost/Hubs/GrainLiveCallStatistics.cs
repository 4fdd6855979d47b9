using Pbx.ApiHost.Apis.Stats;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// Live figures for a host that runs the silo: registrations from each enabled extension's grain, calls from the
/// <see cref="LiveCallBoard"/>. Asks every extension grain, which is cheap for a PBX's few hundred extensions.
/// </summary>
public sealed class GrainLiveCallStatistics(IGrainFactory grains, ExtensionRepository extensions, LiveCallBoard board) : ILiveCallStatistics
{
    public async ValueTask<int> CountRegisteredExtensionsAsync(CancellationToken cancellationToken) =>
        (await ListRegisteredExtensionsAsync(cancellationToken)).Count;

    public async ValueTask<IReadOnlyList<string>> ListRegisteredExtensionsAsync(CancellationToken cancellationToken)
    {
        var numbers = await extensions.ListEnabledNumbersAsync(cancellationToken);
        var bindings = await Task.WhenAll(numbers.Select(n => grains.GetGrain<IExtensionGrain>(n).GetBindingsAsync()));
        return [.. numbers.Where((_, i) => bindings[i].Count > 0)];
    }

    public ValueTask<int> CountActiveCallsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(board.ActiveCallCount);
}
