using Npgsql;

namespace Pbx.Grains.Cdrs;

/// <summary>Writes the <c>cdrs</c> table: open a row at call start, complete it at the end, close crash leftovers.</summary>
public sealed class CdrRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Applies <paramref name="writes"/> in order in one round trip and one transaction (an <see cref="NpgsqlBatch"/>): at
    /// 1,000 calls/s a statement and a commit per write would cost the database more than the calls do. Every write is
    /// idempotent, so retrying the whole batch after an ambiguous failure does no harm.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<CdrWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var write in writes)
            batch.BatchCommands.Add(BatchCommand(write));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand BatchCommand(CdrWrite write)
    {
        return write switch
        {
            CdrOpened o => new NpgsqlBatchCommand(
                """
                insert into cdrs (call_id, caller, caller_name, callee, direction, started_at)
                values ($1, $2, $3, $4, $5, $6) on conflict (call_id) do nothing
                """)
            {
                Parameters = { P(o.CallId), P(o.Caller), P(o.CallerName), P(o.Callee), P(o.Direction), P(o.StartedAt) },
            },
            CdrClosed c => new NpgsqlBatchCommand(
                """
                update cdrs set answered_at = $2, ended_at = $3, disposition = $4, hangup_cause = $5, hangup_side = $6, history = $7::jsonb,
                    duration_seconds = ceil(extract(epoch from $3 - started_at))::int,
                    billable_seconds = coalesce(ceil(extract(epoch from $3 - $2))::int, 0)
                where call_id = $1
                """)
            {
                Parameters = { P(c.CallId), P(c.AnsweredAt), P(c.EndedAt), P(c.Disposition), P(c.HangupCause), P(c.HangupSide), P(c.HistoryJson) },
            },
            CdrTrunkSet t => new NpgsqlBatchCommand("update cdrs set direction = $2, trunk = $3, carrier_call_id = $4, caller = $5, callee = $6 where call_id = $1")
            {
                Parameters = { P(t.CallId), P(t.Direction), P(t.TrunkId), P(t.CarrierCallId), P(t.Caller), P(t.Callee) },
            },
            _ => throw new ArgumentException($"unknown CDR write {write.GetType().Name} for call {write.CallId}", nameof(write)),
        };

        static NpgsqlParameter P(object? value) => new() { Value = value ?? DBNull.Value };
    }

    /// <summary>Closes rows a crash left open (no end time) as <see cref="CdrDisposition.Interrupted"/>; returns how many.</summary>
    public async Task<int> CloseInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            update cdrs set ended_at = greatest($1, started_at), disposition = 'interrupted', hangup_cause = 'pbx restarted', hangup_side = 'system',
                duration_seconds = ceil(extract(epoch from greatest($1, started_at) - started_at))::int,
                billable_seconds = coalesce(ceil(extract(epoch from greatest($1, started_at) - answered_at))::int, 0)
            where ended_at is null
            """,
            now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
