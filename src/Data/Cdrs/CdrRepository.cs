using Npgsql;
using Pbx.Data.Recordings;

namespace Pbx.Data.Cdrs;

/// <summary>
/// The <c>cdrs</c> table: the call grains' writes (open a row at call start, complete it at the end) here, closing the
/// rows of dead silos in <c>CdrRepository.Recovery.cs</c>, the API's call history in <c>CdrRepository.History.cs</c>.
/// </summary>
public sealed partial class CdrRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Applies <paramref name="writes"/> in order in one round trip and one transaction (an <see cref="NpgsqlBatch"/>): at
    /// 1,000 calls/s a statement and a commit per write would cost the database more than the calls do. Recording writes
    /// ride along (<see cref="RecordingRepository.BatchCommand"/>). Every write is idempotent, so applying a batch again
    /// after an ambiguous failure, or replaying the journal after a crash, does no harm.
    /// </summary>
    /// <remarks>
    /// Raw <see cref="NpgsqlBatchCommand"/>s rather than Dapper: this is the call set-up path (two writes per call, measured by
    /// <c>bench/run.sh calls</c>), and a batch of positional statements costs no per-write mapping.
    /// </remarks>
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
}
