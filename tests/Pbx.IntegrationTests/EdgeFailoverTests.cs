using Npgsql;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Two SIP edges in front of one silo (with the media node), each a process of its own. The edge a phone registered
/// through is killed (SIGKILL); the phone registers again through the other edge, as DNS SRV or a SIP-aware load balancer
/// would send it, and calls to it and from it are placed through that edge.
/// </summary>
public sealed class EdgeFailoverTests
{
    // Every process of the test in one cluster (test hosts are otherwise each alone in theirs).
    private static readonly string ClusterId = $"--Cluster:ClusterId=edges-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_phone_whose_edge_died_registers_through_another_edge_and_is_called_through_it()
    {
        var database = PostgresServer.Shared.CreateDatabase("edges");
        const string Caller = "7200", Callee = "7201";
        await using (var setup = await PbxHost.StartAsync(database))
        {
            await setup.AddExtensionAsync(Caller);
            await setup.AddExtensionAsync(Callee);
        }
        await using var silo = await PbxHost.StartProcessAsync(database, [.. Roles(silo: true, media: true),
            $"--Cdrs:JournalDirectory={Path.Combine(PbxHost.JournalDirectory(database), "silo")}"]);
        await using var edgeA = await PbxHost.StartProcessAsync(database, [.. Roles(edge: true), "--Sip:Registrar:EdgeNodeId=edge-a"]);
        await using var edgeB = await PbxHost.StartProcessAsync(database, [.. Roles(edge: true), "--Sip:Registrar:EdgeNodeId=edge-b"]);
        var calleePort = await ClusterPhones.RegisterAsync(edgeA, Callee, DateTimeOffset.UtcNow);

        await edgeA.KillAsync();
        // The phone's REGISTER to the dead edge goes unanswered; it turns to the other edge, from the same port.
        await ClusterPhones.RegisterAsync(edgeB, Callee, DateTimeOffset.UtcNow, calleePort);
        var (caller, callee, audio) = ClusterPhones.StartCall(edgeB, Caller, Callee, calleePort, "uac-hangs-up.xml", null);

        var (callerExit, callerOutput) = await caller.WaitAsync();
        callerExit.ShouldBe(0, callerOutput);
        var (calleeExit, calleeOutput) = await callee.WaitAsync();
        calleeExit.ShouldBe(0, calleeOutput);
        // The caller's audio reached the callee through the media node.
        (await audio.FirstPacketAsync(TimeSpan.FromSeconds(5))).Source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        audio.Dispose();
        await using var cdrs = NpgsqlDataSource.Create(database);
        var cdr = await CdrRow.ClosedAsync(cdrs, Caller, Callee);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"));
    }

    private static string[] Roles(bool silo = false, bool edge = false, bool media = false) => ClusterPhones.Roles(ClusterId, silo, edge, media);
}
