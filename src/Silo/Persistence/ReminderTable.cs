using Npgsql;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Persistence;

/// <summary>Durable reminders in grain_reminders: they outlive the process, so a reminder set before a restart fires after it.</summary>
public sealed class ReminderTable(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the reminder or moves it to a new schedule.</summary>
    public async Task UpsertAsync(GrainId grainId, string name, DateTimeOffset firstDue, TimeSpan period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into grain_reminders (grain_type, grain_key, reminder_name, first_due, next_due, period_ms) values ($1, $2, $3, $4, $4, $5)
            on conflict (grain_type, grain_key, reminder_name) do update set first_due = $4, next_due = $4, period_ms = $5
            """);
        AddKey(command, grainId, name);
        command.Parameters.Add(new NpgsqlParameter { Value = firstDue });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)period.TotalMilliseconds });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the reminder; no-op when absent.</summary>
    public async Task DeleteAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "delete from grain_reminders where grain_type = $1 and grain_key = $2 and reminder_name = $3");
        AddKey(command, grainId, name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reminders due at or before <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select grain_type, grain_key, reminder_name, first_due, next_due, period_ms from grain_reminders
            where next_due <= $1 order by next_due
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), TimeSpan.FromMilliseconds(reader.GetInt64(5))));
        }
        return due;
    }

    /// <summary>
    /// After a delivered tick: deletes a one-shot reminder or moves a periodic one to <paramref name="nextDue"/>. Only when the
    /// row still has the delivered schedule, so a reminder re-registered during delivery keeps its new schedule.
    /// </summary>
    public async Task CompleteTickAsync(ReminderEntry delivered, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(delivered.Period == TimeSpan.Zero
            ? "delete from grain_reminders where grain_type = $1 and grain_key = $2 and reminder_name = $3 and next_due = $4"
            : "update grain_reminders set next_due = $5 where grain_type = $1 and grain_key = $2 and reminder_name = $3 and next_due = $4");
        AddKey(command, delivered.GrainId, delivered.Name);
        command.Parameters.Add(new NpgsqlParameter { Value = delivered.NextDue });
        if (delivered.Period != TimeSpan.Zero)
            command.Parameters.Add(new NpgsqlParameter { Value = nextDue });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string name)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
    }
}
