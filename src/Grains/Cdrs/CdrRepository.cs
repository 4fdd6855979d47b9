using Npgsql;
using NpgsqlTypes;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Cdrs;

/// <summary>Writes the <c>cdrs</c> table: open a row at call start, complete it at the end, close the rows of dead silos.</summary>
public sealed class CdrRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Applies <paramref name="writes"/> in order in one round trip and one transaction (an <see cref="NpgsqlBatch"/>): at
    /// 1,000 calls/s a statement and a commit per write would cost the database more than the calls do. Recording writes
    /// ride along (<see cref="RecordingRepository.BatchCommand"/>). Every write is idempotent, so applying a batch again
    /// after an ambiguous failure, or replaying the journal after a crash, does no harm.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<CdrWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var write in writes)
            batch.BatchCommands.Add(write is RecordingWrite recording ? RecordingRepository.BatchCommand(recording) : BatchCommand(write));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand BatchCommand(CdrWrite write)
    {
        return write switch
        {
            CdrOpened o => new NpgsqlBatchCommand(
                """
                insert into cdrs (call_id, caller, caller_name, callee, direction, started_at, silo)
                values ($1, $2, $3, $4, $5, $6, $7) on conflict (call_id) do nothing
                """)
            {
                Parameters = { P(o.CallId), P(o.Caller), P(o.CallerName), P(o.Callee), P(o.Direction), P(o.StartedAt), P(o.Silo) },
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

    /// <summary>
    /// The recovery pass's one query: the open rows whose silo is not in <paramref name="liveSilos"/> (or that name none,
    /// as rows from before migration 0074 do), and the open recordings whose call has no open row of a live silo (a
    /// recording is open only within its call, so one whose row is closed, missing or orphaned was cut short too).
    /// Both are read off partial indexes that hold only open rows.
    /// </summary>
    public async Task<IReadOnlyList<OpenCallRow>> FindOrphanCandidatesAsync(IReadOnlyCollection<string> liveSilos, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select call_id, silo, null::text from cdrs
            where ended_at is null and (silo is null or silo <> all($1))
            union all
            select r.call_id, null, r.file_path from recordings r
            where r.completed_at is null
              and not exists (select 1 from cdrs c where c.call_id = r.call_id and c.ended_at is null and c.silo = any($1))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = liveSilos.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var rows = new List<OpenCallRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new OpenCallRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return rows;
    }

    /// <summary>
    /// Closes the still-open rows of <paramref name="callIds"/> as <see cref="CdrDisposition.Interrupted"/>, hung up by the
    /// system, the cause naming the silo that died with them; returns how many. A row closed meanwhile is left as it is.
    /// </summary>
    public async Task<int> CloseInterruptedAsync(IReadOnlyCollection<string> callIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update cdrs set ended_at = greatest($2, started_at), disposition = 'interrupted', hangup_side = 'system',
                hangup_cause = 'silo died (' || coalesce(silo, 'unknown') || ')',
                duration_seconds = ceil(extract(epoch from greatest($2, started_at) - started_at))::int,
                billable_seconds = coalesce(ceil(extract(epoch from greatest($2, started_at) - answered_at))::int, 0)
            where call_id = any($1) and ended_at is null
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = callIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
