using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.Silo.Hosting;
using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>
/// Two PBX silos on one PostgreSQL database, each on its own Cluster:SiloPort and Cluster:GatewayPort, are one Orleans
/// cluster: membership in orleansmembershiptable, grains on either silo, state shared through grain_state.
/// </summary>
public sealed class ClusterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // Orleans' SiloStatus.Active as the ADO.NET membership table stores it.
    private const int Active = 3;

    [Fact]
    public async Task Two_silos_on_one_database_are_both_active_members_of_one_cluster()
    {
        await using var first = await TestSilo.StartAsync(database.ConnectionString, Cluster("members"));
        await using var second = await TestSilo.StartAsync(database.ConnectionString, Cluster("members"));

        var members = await ActiveMembersAsync("members");

        members.ShouldBe([Endpoints(first), Endpoints(second)], ignoreOrder: true);
    }

    [Fact]
    public async Task Grains_are_placed_on_both_silos_and_each_silo_reaches_the_others()
    {
        await using var first = await TestSilo.StartAsync(database.ConnectionString, Cluster("placement"));
        await using var second = await TestSilo.StartAsync(database.ConnectionString, Cluster("placement"));

        // NoteGrain prefers the silo of its first caller.
        var onFirst = await first.Grains.GetGrain<INoteGrain>("on-first").Silo();
        var onSecond = await second.Grains.GetGrain<INoteGrain>("on-second").Silo();

        onFirst.ShouldBe(first.Address.ToParsableString());
        onSecond.ShouldBe(second.Address.ToParsableString());
        (await first.Grains.GetGrain<INoteGrain>("on-second").Silo()).ShouldBe(onSecond, "a call from the first silo crosses to the second");
        (await second.Grains.GetGrain<INoteGrain>("on-first").Silo()).ShouldBe(onFirst, "a call from the second silo crosses to the first");
    }

    [Fact]
    public async Task State_written_through_one_silo_reads_back_through_the_other_after_the_first_stops()
    {
        await using var first = await TestSilo.StartAsync(database.ConnectionString, Cluster("failover"));
        await using var second = await TestSilo.StartAsync(database.ConnectionString, Cluster("failover"));
        var note = first.Grains.GetGrain<INoteGrain>("handover");
        await note.Write("parked on 701");
        (await note.Silo()).ShouldBe(first.Address.ToParsableString());

        await first.StopAsync();

        var again = second.Grains.GetGrain<INoteGrain>("handover");
        (await again.Read()).ShouldBe("parked on 701");
        (await again.Silo()).ShouldBe(second.Address.ToParsableString());
    }

    private static Dictionary<string, string?> Cluster(string clusterId) => new() { ["Cluster:ClusterId"] = clusterId };

    /// <summary>The silo and gateway ports the silo was configured with (Cluster:SiloPort, Cluster:GatewayPort).</summary>
    private static (int Silo, int Gateway) Endpoints(TestSilo silo)
    {
        var options = silo.Services.GetRequiredService<IOptions<PbxClusterOptions>>().Value;
        return (options.SiloPort, options.GatewayPort);
    }

    private async Task<List<(int Silo, int Gateway)>> ActiveMembersAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select port, proxyport from orleansmembershiptable where deploymentid = $1 and status = $2 order by port", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = Active });
        await using var reader = await command.ExecuteReaderAsync();
        var members = new List<(int, int)>();
        while (await reader.ReadAsync())
            members.Add((reader.GetInt32(0), reader.GetInt32(1)));
        return members;
    }
}
