using Dapper;
using Npgsql;

namespace Pbx.Data.Recordings;

/// <summary>
/// The <c>recordings</c> table: the call grains' writes (riding the CDR batches, raw statements for that hot path), the
/// completion of recordings cut short by a crash, and the API's list and delete (<c>RecordingRepository.Api.cs</c>).
/// </summary>
public sealed partial class RecordingRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The statement of one write, for the CDR batches it rides in (<see cref="Cdrs.CdrRepository.ApplyAsync"/>).
    /// Idempotent (keyed by the unique file path), so a retry after an ambiguous failure does no harm.
    /// </summary>
    public static NpgsqlBatchCommand BatchCommand(RecordingWrite write) => write switch
    {
        // One statement, so the row and the CDR's reference land together; "do update" returns the id on a retry too.
        RecordingOpened o => new NpgsqlBatchCommand(
            """
            with recording as (
                insert into recordings (call_id, file_path, created_at) values ($1, $2, $3)
                on conflict (file_path) do update set call_id = excluded.call_id returning id)
            update cdrs set recording_id = coalesce(cdrs.recording_id, (select id from recording)) where call_id = $1
            """)
        {
            Parameters = { P(o.CallId), P(o.FilePath), P(o.StartedAt) },
        },
        RecordingClosed c => new NpgsqlBatchCommand("update recordings set size_bytes = $2, duration_ms = $3, completed_at = $4 where file_path = $1")
        {
            Parameters = { P(c.FilePath), P(c.SizeBytes), P(c.DurationMs), P(c.CompletedAt) },
        },
        _ => throw new ArgumentException($"unknown recording write {write.GetType().Name} for call {write.CallId}", nameof(write)),
    };

    /// <summary>
    /// Completes the row of a recording whose call died with its silo, once its file is finished (or found gone: then
    /// <paramref name="sizeBytes"/> and <paramref name="durationMs"/> are 0, so the API shows the audio as missing instead
    /// of a recording forever in progress). A row completed meanwhile is left as it is: false then.
    /// </summary>
    public async Task<bool> CompleteInterruptedAsync(string path, long sizeBytes, long durationMs, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update recordings set size_bytes = @sizeBytes, duration_ms = @durationMs, completed_at = @completedAt where file_path = @path and completed_at is null",
            new { path, sizeBytes, durationMs, completedAt }, cancellationToken: cancellationToken)) > 0;
    }

    private static NpgsqlParameter P(object value) => new() { Value = value };
}
