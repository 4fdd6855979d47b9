using Npgsql;

namespace Pbx.IntegrationTests;

/// <summary>A <c>recordings</c> row as the tests check it, with whether the call's CDR points to it.</summary>
internal sealed record RecordingRow(long Id, string CallId, string FilePath, long DurationMs, long SizeBytes, bool Completed, bool LinkedToCdr)
{
    /// <summary>The rows of <paramref name="callId"/>, oldest first, once all are completed (the writes are queued), or a timeout.</summary>
    public static async Task<List<RecordingRow>> CompletedAsync(NpgsqlDataSource database, string callId, int expected = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var rows = new List<RecordingRow>();
            await using (var command = database.CreateCommand(
                """
                select r.id, r.call_id, r.file_path, r.duration_ms, r.size_bytes, r.completed_at is not null,
                       exists (select 1 from cdrs c where c.recording_id = r.id)
                from recordings r where r.call_id = $1 order by r.id
                """))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = callId });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    rows.Add(new RecordingRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetBoolean(5), reader.GetBoolean(6)));
            }
            if (rows.Count >= expected && rows.TrueForAll(r => r.Completed))
                return rows;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"expected {expected} completed recording row(s) for call {callId}, found {rows.Count(r => r.Completed)} of {rows.Count}");
            await Task.Delay(50);
        }
    }
}
