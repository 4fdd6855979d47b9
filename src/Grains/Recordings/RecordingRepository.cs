using Npgsql;

namespace Pbx.Grains.Recordings;

/// <summary>Writes the <c>recordings</c> table for call grains, and completes the rows of recordings cut short by a crash.</summary>
public sealed class RecordingRepository(NpgsqlDataSource dataSource, TimeProvider time)
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
    /// Completes the row of a recording whose call died with its silo: the <c>.part</c> file is finished and renamed, and
    /// the row gets its size and duration; a row whose file is gone is completed empty, so the API shows the audio as
    /// missing instead of a recording forever in progress. A row completed meanwhile is left as it is. False when it was.
    /// </summary>
    public async Task<bool> CompleteInterruptedAsync(string path, CancellationToken cancellationToken)
    {
        RecordingFile.CompletePartial(path);
        var (size, duration) = RecordingFile.Measure(path) ?? (0, 0);
        await using var command = dataSource.CreateCommand(
            "update recordings set size_bytes = $2, duration_ms = $3, completed_at = $4 where file_path = $1 and completed_at is null");
        command.Parameters.Add(P(path));
        command.Parameters.Add(P(size));
        command.Parameters.Add(P(duration));
        command.Parameters.Add(P(time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static NpgsqlParameter P(object value) => new() { Value = value };
}
