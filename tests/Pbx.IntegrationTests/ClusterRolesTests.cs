using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Silo.Startup;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// The roles apart: one host runs the silo and the media node, another the SIP edge and the API as an Orleans client that
/// found the silo's gateway in the membership table. Phones register and call through the client's edge; the grains on
/// the silo decide; the live events of the silo's grains reach the other host's API.
/// </summary>
public sealed class ClusterRolesTests
{
    // Both hosts in one cluster (test hosts are otherwise each alone in theirs).
    private static readonly string ClusterId = $"--Cluster:ClusterId=roles-{Guid.NewGuid():N}";

    [Fact]
    public async Task Phones_register_and_call_through_an_edge_that_is_a_client_of_the_silo()
    {
        var database = PostgresServer.Shared.CreateDatabase("roles");
        await using var silo = await PbxHost.StartAsync(database, new RoleOptions { Edge = false, Api = false }, ClusterId);
        await using var edge = await PbxHost.StartAsync(database, new RoleOptions { Silo = false, Media = false }, ClusterId,
            "--Api:Jwt:SigningKey=cluster-roles-test-signing-key-of-32-bytes-or-more");
        using var registrations = edge.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        using var calls = edge.LiveEvents.Subscribe([CallGrain.CallTopic]);

        var callee = await TestPhone.RegisterAsync(edge, "3102");
        var caller = await TestPhone.CallerOnlyAsync(edge, "3101");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", edge.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        var uac = await Sipp.RunAsync("uac-hangs-up.xml", edge.Udp, caller.Number, caller.Port, service: callee.Number);

        var (calleeExit, calleeOutput) = await uas.WaitAsync();
        calleeExit.ShouldBe(0, calleeOutput);
        uac.ExitCode.ShouldBe(0, uac.Output);
        // The caller's audio reached the callee through the media node on the silo's host.
        (await phone.FirstPacketAsync(TimeSpan.FromSeconds(5))).Source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        var registered = await TestPhone.NextEventAsync(registrations, "registered");
        registered.Key.ShouldBe(callee.Number, "the extension grain on the silo published it; the edge host's API received it");
        var cdr = await CdrRow.ClosedAsync(silo.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"));
        (await TestPhone.NextEventAsync(calls, "answered", cdr.CallId)).Key.ShouldBe(cdr.CallId);
        (await TestPhone.NextEventAsync(calls, "ended", cdr.CallId)).Key.ShouldBe(cdr.CallId);
    }
}
