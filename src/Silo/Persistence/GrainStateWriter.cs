using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Persistence;

/// <summary>
/// Coalesces state writes from all activations: whatever is queued while the previous statement runs goes out as one
/// multi-row insert and one multi-row update (unnest of arrays), so 8,000 write-behind grains per second cost a few
/// round trips instead of 8,000. A single write still leaves at once. Each write keeps its own ETag check.
/// </summary>
internal sealed class GrainStateWriter : IAsyncDisposable
{
    // Bounds one statement's parameter arrays; a larger backlog just takes several statements.
    private const int MaxBatch = 1000;

    private const string InsertSql =
        """
        insert into grain_state (grain_type, grain_key, state_name, payload, version)
        select w.grain_type, w.grain_key, w.state_name, w.payload, 1
        from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) as w(grain_type, grain_key, state_name, payload)
        on conflict do nothing
        returning grain_type, grain_key, state_name, version
        """;

    private const string UpdateSql =
        """
        update grain_state as g set payload = w.payload, version = g.version + 1, updated_at = now()
        from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::bigint[]) as w(grain_type, grain_key, state_name, payload, version)
        where g.grain_type = w.grain_type and g.grain_key = w.grain_key and g.state_name = w.state_name and g.version = w.version
        returning g.grain_type, g.grain_key, g.state_name, g.version
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GrainStateWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues one write; completes with the new version, or null when the ETag no longer matched.</summary>
    public Task<long?> WriteAsync(GrainId grainId, string stateName, string json, long? expectedVersion)
    {
        var write = new PendingWrite(new StateKey(grainId.Type, grainId.Key, stateName), json, expectedVersion);
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(GrainStateStorage));
        return write.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var inserts = new List<PendingWrite>(MaxBatch);
        var updates = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inserts.Count + updates.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                (write.ExpectedVersion is null ? inserts : updates).Add(write);
            await ExecuteAsync(InsertSql, inserts).ConfigureAwait(false);
            await ExecuteAsync(UpdateSql, updates).ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(string sql, List<PendingWrite> writes)
    {
        if (writes.Count == 0)
            return;
        try
        {
            var written = await RunStatementAsync(sql, writes).ConfigureAwait(false);
            foreach (var write in writes)
                write.Completion.TrySetResult(written.TryGetValue(write.Key, out var version) ? version : null);
        }
        catch (Exception exception)
        {
            // The statement is all or nothing: every write in it failed, and each caller sees why (database down, ...).
            foreach (var write in writes)
                write.Completion.TrySetException(exception);
        }
        writes.Clear();
    }

    private async Task<Dictionary<StateKey, long>> RunStatementAsync(string sql, List<PendingWrite> writes)
    {
        var types = new string[writes.Count];
        var keys = new string[writes.Count];
        var names = new string[writes.Count];
        var payloads = new string[writes.Count];
        var versions = new long[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            (types[i], keys[i], names[i], payloads[i], versions[i]) = (write.Key.Type, write.Key.Key, write.Key.Name, write.Json, write.ExpectedVersion ?? 0);
        }
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = types });
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = payloads });
        if (ReferenceEquals(sql, UpdateSql))
            command.Parameters.Add(new NpgsqlParameter { Value = versions });
        var written = new Dictionary<StateKey, long>(writes.Count);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
            written[new StateKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetInt64(3);
        return written;
    }

    private readonly record struct StateKey(string Type, string Key, string Name);

    private sealed class PendingWrite(StateKey key, string json, long? expectedVersion)
    {
        public StateKey Key { get; } = key;

        public string Json { get; } = json;

        public long? ExpectedVersion { get; } = expectedVersion;

        // Completed on the writer loop; continuations run elsewhere so one slow grain turn cannot hold up the batch.
        public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
