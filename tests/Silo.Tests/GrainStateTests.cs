using System.Globalization;
using Npgsql;
using Orleans.Storage;
using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>A grain's <c>[PersistentState]</c> on the PBX's silo: AddSilo makes <see cref="Persistence.GrainStateStorage"/> the default storage.</summary>
public sealed class GrainStateTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task State_written_by_a_grain_survives_a_silo_restart()
    {
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
            await silo.Grains.GetGrain<IProfileGrain>("201").SetName("Alice");

        await using var restarted = await TestSilo.StartAsync(database.ConnectionString);
        var again = restarted.Grains.GetGrain<IProfileGrain>("201");
        (await again.Name()).ShouldBe("Alice");
        (await again.Etag()).ShouldBe("1");
        // Orleans' grain type of ProfileGrain is "profile": the row is keyed the way migration 0073 renamed the old rows.
        (await StoredNameAsync("201")).ShouldBe("Alice");
    }

    [Fact]
    public async Task Graceful_stop_lets_a_write_behind_grain_flush_in_OnDeactivateAsync()
    {
        // The storage must outlive the activations: the host stops the silo (deactivating grains) before disposing it.
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
            await silo.Grains.GetGrain<IProfileGrain>("202").SetNameLater("Bob");

        await using var restarted = await TestSilo.StartAsync(database.ConnectionString);
        (await restarted.Grains.GetGrain<IProfileGrain>("202").Name()).ShouldBe("Bob");
    }

    [Fact]
    public async Task Write_with_a_stale_ETag_fails_the_grain_call_with_InconsistentStateException_and_keeps_the_newer_data()
    {
        // Two clusters on one database (a split brain) each hold an activation of profile/203 that read version 1.
        await using var first = await TestSilo.StartAsync(database.ConnectionString, Settings("Cluster:ClusterId", "left"));
        await using var second = await TestSilo.StartAsync(database.ConnectionString, Settings("Cluster:ClusterId", "right"));
        await first.Grains.GetGrain<IProfileGrain>("203").SetName("v1");
        (await second.Grains.GetGrain<IProfileGrain>("203").Name()).ShouldBe("v1");

        await first.Grains.GetGrain<IProfileGrain>("203").SetName("newer");
        var ex = await Should.ThrowAsync<InconsistentStateException>(() => second.Grains.GetGrain<IProfileGrain>("203").SetName("stale"));

        ex.Message.ShouldContain("profile/203");
        (ex.CurrentEtag, ex.StoredEtag).ShouldBe(("1", "2"));
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
        var keys = Enumerable.Range(300, 200).Select(Text).ToList();
        // First writes are inserts, second writes updates; both kinds in flight together share statements.
        await Task.WhenAll(keys.Select(k => silo.Grains.GetGrain<IProfileGrain>(k).SetName("first-" + k)));
        await Task.WhenAll(keys.Select(k => silo.Grains.GetGrain<IProfileGrain>(k).SetName("second-" + k))
            .Concat(Enumerable.Range(500, 50).Select(i => silo.Grains.GetGrain<IProfileGrain>(Text(i)).SetName("new"))));

        foreach (var key in keys)
        {
            (await StoredNameAsync(key)).ShouldBe("second-" + key);
            (await silo.Grains.GetGrain<IProfileGrain>(key).Etag()).ShouldBe("2");
        }
        (await StoredNameAsync("549")).ShouldBe("new");
    }

    private static Dictionary<string, string?> Settings(string key, string value) => new() { [key] = value };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<string?> StoredNameAsync(string key)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select payload->>'name' from grain_state where grain_type = 'profile' and grain_key = $1 and state_name = 'profile'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync() as string;
    }
}
