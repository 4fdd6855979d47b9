using Npgsql;
using Pbx.Grains.Persistence;

namespace Pbx.Silo.Persistence;

/// <summary>
/// Coalesces state reads from all activations into one statement per batch: every call activates a Call grain and two
/// CallLeg grains, each reading its state (mostly absent: fresh keys), and one select each was a round trip and a
/// connection rent per activation.
/// </summary>
internal sealed class GrainStateReader : IAsyncDisposable
{
    // Ordinality numbers the requests, so each row finds its waiter even when two requests name the same key;
    // a request without a row gets none and reads as absent.
    private const string ReadSql =
        """
        select r.i, g.payload::text, g.version
        from unnest($1::text[], $2::text[], $3::text[]) with ordinality as r(grain_type, grain_key, state_name, i)
        join grain_state as g on g.grain_type = r.grain_type and g.grain_key = r.grain_key and g.state_name = r.state_name
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly StatementBatcher<StateKey, (string? Json, long? Version)> _reads;

    public GrainStateReader(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _reads = new(ReadBatchAsync);
    }

    /// <summary>Queues one read; completes with the stored payload and version, or (null, null) when absent.</summary>
    public Task<(string? Json, long? Version)> ReadAsync(StateKey key) => _reads.EnqueueAsync(key);

    public ValueTask DisposeAsync() => _reads.DisposeAsync();

    private async Task<(string? Json, long? Version)[]> ReadBatchAsync(IReadOnlyList<StateKey> keys)
    {
        var rows = new (string? Json, long? Version)[keys.Count];
        await using var command = _dataSource.CreateCommand(ReadSql);
        StateKey.AddArrayParameters(command, keys, key => key);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
            rows[reader.GetInt64(0) - 1] = (reader.GetString(1), reader.GetInt64(2));
        return rows;
    }
}
