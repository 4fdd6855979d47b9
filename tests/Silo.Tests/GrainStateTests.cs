using Npgsql;
using Pbx.Grains.Runtime;
using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class GrainStateTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task State_survives_deactivation_and_a_process_restart()
    {
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
        {
            var grain = silo.Grains.GetGrain<IProfileGrain>("201");
            await grain.SetName("Alice");
            await grain.Deactivate();
            await silo.NextEventAsync(e => e.Topic == "grain" && e.Key == "Profile/201" && e.Kind == "deactivated");

            (await grain.Name()).ShouldBe("Alice");
        }

        await using var restarted = await TestSilo.StartAsync(database.ConnectionString);
        var again = restarted.Grains.GetGrain<IProfileGrain>("201");
        (await again.Name()).ShouldBe("Alice");
        (await again.Etag()).ShouldBe("1");
    }

    [Fact]
    public async Task Calls_queued_behind_DeactivateOnIdle_are_served_by_the_next_activation()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        var grain = silo.Grains.GetGrain<IProfileGrain>("205");
        await grain.SetName("Dave");

        var deactivate = grain.Deactivate();
        var names = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.Name()));

        await deactivate;
        names.ShouldAllBe(n => n == "Dave");
    }

    [Fact]
    public async Task Graceful_stop_lets_a_write_behind_grain_flush_in_OnDeactivateAsync()
    {
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
            await silo.Grains.GetGrain<IProfileGrain>("202").SetNameLater("Bob");

        await using var restarted = await TestSilo.StartAsync(database.ConnectionString);
        (await restarted.Grains.GetGrain<IProfileGrain>("202").Name()).ShouldBe("Bob");
    }

    [Fact]
    public async Task Write_with_a_stale_ETag_is_rejected_and_keeps_the_newer_data()
    {
        // Two silos on one database stand for two activations that both read version 1.
        await using var first = await TestSilo.StartAsync(database.ConnectionString);
        await using var second = await TestSilo.StartAsync(database.ConnectionString);
        await first.Grains.GetGrain<IProfileGrain>("203").SetName("v1");
        (await second.Grains.GetGrain<IProfileGrain>("203").Name()).ShouldBe("v1");

        await first.Grains.GetGrain<IProfileGrain>("203").SetName("newer");
        var ex = await Should.ThrowAsync<InconsistentStateException>(() => second.Grains.GetGrain<IProfileGrain>("203").SetName("stale"));

        ex.Message.ShouldContain("Profile/203");
        ex.CurrentEtag.ShouldBe("1");
        ex.StoredEtag.ShouldBe("2");
        (await StoredNameAsync("203")).ShouldBe("newer");
    }

    [Fact]
    public async Task Clear_removes_the_stored_row_and_resets_state()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        var grain = silo.Grains.GetGrain<IProfileGrain>("204");
        await grain.SetName("Carol");

        await grain.Clear();

        (await grain.Name()).ShouldBeNull();
        (await grain.Etag()).ShouldBeNull();
        (await StoredNameAsync("204")).ShouldBeNull();
    }

    [Fact]
    public async Task Writes_from_many_grains_at_once_all_land_with_their_own_versions()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        var keys = Enumerable.Range(300, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // First writes are inserts, second writes updates; both kinds in flight together share statements.
        await Task.WhenAll(keys.Select(k => silo.Grains.GetGrain<IProfileGrain>(k).SetName("first-" + k)));
        await Task.WhenAll(keys.Select(k => silo.Grains.GetGrain<IProfileGrain>(k).SetName("second-" + k))
            .Concat(Enumerable.Range(500, 50).Select(i => silo.Grains.GetGrain<IProfileGrain>(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).SetName("new"))));

        foreach (var key in keys)
        {
            (await StoredNameAsync(key)).ShouldBe("second-" + key);
            (await silo.Grains.GetGrain<IProfileGrain>(key).Etag()).ShouldBe("2");
        }
        (await StoredNameAsync("549")).ShouldBe("new");
    }

    private async Task<string?> StoredNameAsync(string key)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select payload->>'name' from grain_state where grain_type = 'Profile' and grain_key = $1 and state_name = 'profile'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync() as string;
    }
}
