using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Pbx.Grains.Live;
using Pbx.Grains.Trunks;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>The PBX registers the trunks of its trunk table with their carriers (sipp playing the carrier's registrar).</summary>
public sealed class TrunkRegistrationTests
{
    private const string TrunkId = "carrier-a";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Trunk_row_is_registered_with_digest_and_re_registered_when_it_changes()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await using var first = StartCarrier(carrierPort);
        // The restarted registration has a new Call-ID, a new sipp call: a second carrier on the same port takes it.
        SippProcess? second = null;
        try
        {
            await using (var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("trunkreg"), "--Trunks:Registration:PollInterval=00:00:00.2"))
            {
                using var events = pbx.LiveEvents.Subscribe([TrunkGrain.TrunkTopic]);
                // Only HA1 for the carrier's realm is stored, never the password (RFC 7616 3.4.2).
                await ExecuteAsync(pbx.Database,
                    """
                    insert into trunks (id, host, port, username, realm, ha1_md5, register, country_code)
                    values ($1, '127.0.0.1', $2, 'trunkuser', 'carrier.test', $3, true, '44')
                    """, TrunkId, carrierPort, Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("trunkuser:carrier.test:trunkpass"))));
                await NextRegisteredAsync(events);

                // An edited trunk (here its lifetime) registers afresh, after removing the old binding.
                await ExecuteAsync(pbx.Database, "update trunks set register_expires = 900, updated_at = now() where id = $1", TrunkId);
                var (firstExit, firstOutput) = await first.WaitAsync();
                firstExit.ShouldBe(0, firstOutput);
                second = StartCarrier(carrierPort);
                await NextRegisteredAsync(events);
                (await pbx.Grains.GetGrain<ITrunkGrain>(TrunkId).GetStatusAsync()).Phase.ShouldBe(TrunkRegistrationPhase.Registered);
            }

            // Stopping the PBX removes the binding, so the carrier stops sending calls to it.
            var (secondExit, secondOutput) = await second.WaitAsync();
            secondExit.ShouldBe(0, secondOutput);
        }
        finally
        {
            if (second is not null)
                await second.DisposeAsync();
        }
    }

    private static SippProcess StartCarrier(int port) => SippProcess.Start(_ =>
    [
        "-sf", Path.Combine(RepositoryRoot.Path, "tests", "Pbx.IntegrationTests", "Sipp", "trunk-carrier.xml"), "-m", "1", "-t", "u1",
        "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-timeout", "15s",
    ], TimeSpan.FromSeconds(20));

    private static async Task NextRegisteredAsync(LiveSubscription events)
    {
        using var timeout = new CancellationTokenSource(Limit);
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            e.Key.ShouldBe(TrunkId);
            e.Kind.ShouldNotBe("registration-failed", e.Data.ToString());
            if (e.Kind == "registered")
                return;
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}
