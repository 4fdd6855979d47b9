using Npgsql;
using Pbx.Grains.Trunks;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Trunks;

/// <summary>The edge's trunk registration service against the real trunk table and trunk grain.</summary>
public sealed class TrunkRegistrationServiceTests
{
    [Fact]
    public async Task A_trunk_the_edge_cannot_register_shows_why_in_its_status_not_only_in_the_log()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase("trunkwhy");
        await using var host = await TrunkHost.StartAsync(connectionString, registerTrunks: true);
        using var events = host.LiveEvents.Subscribe([TrunkGrain.TrunkTopic]);

        // Written past the API (which refuses it): a password kept only encrypted, no realm, so no HA1 the edge could answer with.
        await using (var db = NpgsqlDataSource.Create(connectionString))
        await using (var insert = db.CreateCommand(
            "insert into trunks (id, host, username, password_protected, register, country_code) values ('no-realm', '127.0.0.1', 'u', 'encrypted', true, '998')"))
            await insert.ExecuteNonQueryAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Key == "no-realm" && e.Kind == "registration-failed")
                break;
        }
        var status = await host.Grains.GetGrain<ITrunkGrain>("no-realm").GetStatusAsync();

        status.Phase.ShouldBe(TrunkRegistrationPhase.Failed);
        status.FailureReason.ShouldNotBeNull().ShouldContain("realm");
        status.FailedAt.ShouldNotBeNull();
    }
}
