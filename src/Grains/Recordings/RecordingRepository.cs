using Npgsql;

namespace Pbx.Grains.Recordings;

/// <summary>Writes the <c>recordings</c> table for call grains, and completes the rows a crash left open.</summary>
public sealed class RecordingRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Applies one write. Idempotent (keyed by the unique file path), so a retry after an ambiguous failure does no harm.</summary>
    public async Task ApplyAsync(RecordingWrite write, CancellationToken cancellationToken)
    {
        await using var command = write switch
        {
            // One statement, so the row and the CDR's reference land together; "do update" returns the id on a retry too.
            RecordingOpened o => Command(
                """
                with recording as (
                    insert into recordings (call_id, file_path, created_at) values ($1, $2, $3)
                    on conflict (file_path) do update set call_id = excluded.call_id returning id)
                update cdrs set recording_id = coalesce(cdrs.recording_id, (select id from recording)) where call_id = $1
                """,
                o.CallId, o.FilePath, o.StartedAt),
            RecordingClosed c => Command(
                "update recordings set size_bytes = $2, duration_ms = $3, completed_at = $4 where file_path = $1",
                c.FilePath, c.SizeBytes, c.DurationMs, c.CompletedAt),
            _ => throw new ArgumentException($"unknown recording write {write.GetType().Name} for call {write.CallId}", nameof(write)),
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Completes the rows of recordings that were running when the previous run died: the <c>.part</c> file is finished
    /// and renamed, and the row gets its size and duration; a row whose file is gone is completed empty, so the API shows
    /// the audio as missing instead of a recording forever in progress. Returns how many rows were completed.
    /// </summary>
    public async Task<int> CompleteInterruptedAsync(CancellationToken cancellationToken)
    {
        var open = new List<string>();
        await using (var select = Command("select file_path from recordings where completed_at is null"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                open.Add(reader.GetString(0));
        }
        foreach (var path in open)
        {
            RecordingFile.CompletePartial(path);
            var (size, duration) = RecordingFile.Measure(path) ?? (0, 0);
            await ApplyAsync(new RecordingClosed("", path, size, duration, time.GetUtcNow()), cancellationToken);
        }
        return open.Count;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
