using Npgsql;

namespace Pbx.IntegrationTests;

/// <summary>The columns of a <c>cdrs</c> row the tests check.</summary>
internal sealed record CdrRow(string CallId, string Disposition, string HangupSide, string HangupCause, bool Answered, int Duration, int Billable, string History)
{
    /// <summary>
    /// The completed CDR of the latest call from <paramref name="caller"/> to <paramref name="callee"/>. The call writes it
    /// before it moves on, but a phone may see the end first (the response goes out while the grain finishes) and a write
    /// may wait in the local journal, so this polls until the row is closed or the timeout passes.
    /// </summary>
    public static async Task<CdrRow> ClosedAsync(NpgsqlDataSource database, string caller, string callee, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            await using (var command = database.CreateCommand(
                """
                select call_id, disposition, hangup_side, hangup_cause, answered_at is not null, duration_seconds, billable_seconds, history::text
                from cdrs where caller = $1 and callee = $2 and ended_at is not null order by id desc limit 1
                """))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = caller });
                command.Parameters.Add(new NpgsqlParameter { Value = callee });
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                    return new CdrRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7));
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no closed CDR for {caller} -> {callee}");
            await Task.Delay(50);
        }
    }
}
