using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Hosting;
using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>Durable reminders in the PBX's PostgreSQL (Orleans' ADO.NET reminder table, migration 0072), as AddSilo configures them.</summary>
public sealed class ReminderTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Reminder_registered_before_a_restart_fires_after_it()
    {
        await using (var silo = await StartAsync())
            await silo.Grains.GetGrain<IAlarmGrain>("restart").SetReminder(Period, Period);
        (await ReminderRowsAsync("restart")).ShouldBe(1, "the reminder is stored in orleansreminderstable");

        // A new silo (new generation, same ServiceId) on the same database: only its own live events are seen here.
        await using var restarted = await StartAsync();

        (await restarted.NextEventAsync(e => e.Is("restart", "reminder"))).Data.GetString().ShouldBe("wake");
        await restarted.Grains.GetGrain<IAlarmGrain>("restart").CancelReminder();
    }

    [Fact]
    public async Task Periodic_reminder_keeps_firing_and_unregistering_deletes_its_row()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IAlarmGrain>("periodic");

        await grain.SetReminder(TimeSpan.Zero, Period);
        await silo.NextEventAsync(e => e.Is("periodic", "reminder"));
        await silo.NextEventAsync(e => e.Is("periodic", "reminder"));
        await grain.CancelReminder();

        (await ReminderRowsAsync("periodic")).ShouldBe(0);
    }

    // Orleans refuses reminder periods under ReminderOptions.MinimumReminderPeriod (1 minute by default, right for the
    // PBX); a test cannot wait minutes for two ticks, so its silos accept 1 s.
    private Task<TestSilo> StartAsync() => TestSilo.StartAsync(database.ConnectionString,
        services: s => s.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = Period));

    private async Task<long> ReminderRowsAsync(string key)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from orleansreminderstable where grainid = $1 and remindername = 'wake'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "alarm/" + key });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
