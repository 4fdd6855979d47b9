using Npgsql;
using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class LifecycleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Reminder_registered_before_a_restart_fires_after_it_and_a_one_shot_is_then_deleted()
    {
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
            await silo.Grains.GetGrain<IAlarmGrain>("restart").SetReminder(TimeSpan.FromMilliseconds(300), TimeSpan.Zero);

        await using var restarted = await TestSilo.StartAsync(database.ConnectionString);
        (await restarted.NextEventAsync(e => e.Is("restart", "reminder"))).Data.GetString().ShouldBe("wake");

        // The row goes once the delivering turn has returned, a moment after the grain published: wait for that,
        // with the silo still running (a silo stopping mid-delivery keeps the row and delivers again after restart).
        await WaitForReminderRowsAsync("restart", expected: 0);
    }

    [Fact]
    public async Task Periodic_reminder_keeps_firing_until_unregistered()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        var grain = silo.Grains.GetGrain<IAlarmGrain>("periodic");

        await grain.SetReminder(TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        await silo.NextEventAsync(e => e.Is("periodic", "reminder"));
        await silo.NextEventAsync(e => e.Is("periodic", "reminder"));
        await grain.CancelReminder();

        (await ReminderRowsAsync("periodic")).ShouldBe(0);
    }

    [Fact]
    public async Task Timer_ticks_are_turns_of_the_activation()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);

        await silo.Grains.GetGrain<IAlarmGrain>("timer").StartTimer(TimeSpan.FromMilliseconds(20));

        (await silo.NextEventAsync(e => e.Is("timer", "tick") && e.Data.GetString() == "3")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Idle_activation_is_collected_after_the_configured_age_and_reactivates_on_the_next_call()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Runtime:CollectionAge"] = "00:00:00.200",
            ["Runtime:CollectionInterval"] = "00:00:00.050",
        });
        var grain = silo.Grains.GetGrain<ICounterGrain>("idle");
        var firstActivation = await grain.ActivationId();

        var collected = await silo.NextEventAsync(e => e.Topic == "grain" && e.Key == "Counter/idle" && e.Kind == "deactivated");

        collected.Data.GetProperty("reason").GetString().ShouldBe("Idle");
        (await grain.ActivationId()).ShouldNotBe(firstActivation);
    }

    [Fact]
    public async Task OnDeactivateAsync_runs_for_every_activation_at_shutdown()
    {
        var silo = await TestSilo.StartAsync(database.ConnectionString);
        await silo.Grains.GetGrain<IAlarmGrain>("shutdown").CancelReminder();
        var events = silo.Events;

        await silo.DisposeAsync();

        var seen = new List<string>();
        while (events.Reader.TryRead(out var e))
        {
            if (e.Is("shutdown", "deactivated"))
                seen.Add(e.Data.GetString()!);
        }
        seen.ShouldBe(["Shutdown"]);
    }

    private async Task WaitForReminderRowsAsync(string key, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long rows;
        while ((rows = await ReminderRowsAsync(key)) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        rows.ShouldBe(expected, $"reminder rows of '{key}' within 10 s");
    }

    private async Task<long> ReminderRowsAsync(string key)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from grain_reminders where grain_key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
