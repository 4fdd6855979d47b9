using Pbx.Silo.Persistence;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// PostgreSQL goes away while phones are registered: they keep calling each other (configuration and bindings are in the
/// grains' memory), the calls' CDRs wait in the local journal and land once, each, when the database is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string Caller = "7301";
    private const string Callee = "7302";

    [Fact]
    public async Task Registered_phones_keep_calling_while_the_database_is_away_and_no_cdr_is_lost_or_doubled()
    {
        await using var proxy = new TcpCutProxy(PostgresServer.Shared.Port);
        var direct = PostgresServer.Shared.CreateDatabase("outage");
        var throughProxy = direct.Replace($"Port={PostgresServer.Shared.Port}", $"Port={proxy.Port}", StringComparison.Ordinal);
        await using var pbx = await PbxHost.StartAsync(throughProxy);
        await pbx.AddExtensionAsync(Caller);
        await pbx.AddExtensionAsync(Callee);
        var calleePort = FreePort.UdpAndTcp();
        (await Sipp.RunAsync("register.xml", pbx.Udp, Callee, calleePort)).ExitCode.ShouldBe(0);
        await CallAsync(pbx, calleePort, "before the outage");

        proxy.Cut();
        for (var i = 0; i < 3; i++)
            await CallAsync(pbx, calleePort, $"call {i} while the database is away");
        // The watch pings every DatabaseWatch.Period; three periods is ample for either change to show.
        using (var seen = new CancellationTokenSource(DatabaseWatch.Period * 3))
            await pbx.DatabaseWatch.WhenAsync(up: false, seen.Token);
        // The CDRs of the calls made meanwhile wait in the local journal.
        using (var journalled = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await pbx.CdrJournal.WaitForPendingAsync(journalled.Token);
        proxy.Heal();
        using (var back = new CancellationTokenSource(DatabaseWatch.Period * 3))
            await pbx.DatabaseWatch.WhenAsync(up: true, back.Token);
        using (var replayed = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await pbx.CdrJournal.WaitForEmptyAsync(replayed.Token);

        await using var database = Npgsql.NpgsqlDataSource.Create(direct);
        await using var closed = database.CreateCommand($"select count(*) from cdrs where caller = '{Caller}' and callee = '{Callee}' and ended_at is not null");
        ((long)(await closed.ExecuteScalarAsync())!).ShouldBe(4, "every call has its closed CDR once the database is back");
        await using var all = database.CreateCommand($"select count(*) from cdrs where caller = '{Caller}'");
        ((long)(await all.ExecuteScalarAsync())!).ShouldBe(4, "and none twice");
    }

    private static async Task CallAsync(PbxHost pbx, int calleePort, string what)
    {
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, Callee, calleePort, keys: TestPhone.RtpPort(phone));
        var uac = await Sipp.RunAsync("uac-hangs-up.xml", pbx.Udp, Caller, FreePort.UdpAndTcp(), service: Callee);
        uac.ExitCode.ShouldBe(0, $"{what}: {uac.Output}");
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, what);
    }
}
