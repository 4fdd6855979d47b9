using System.Globalization;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>Calls the PBX ends on its own: too long, or dead (no RTP). Each test runs a PBX with the limit shortened.</summary>
public sealed class CallLimitTests
{
    [Fact]
    public async Task Answered_call_is_hung_up_at_the_maximum_duration()
    {
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("maxdur"), "--Calls:MaxDuration=00:00:01");

        var cdr = await CallEndedByThePbxAsync(pbx);

        cdr.HangupCause.ShouldBe("maximum duration");
    }

    [Fact]
    public async Task Answered_call_without_rtp_is_hung_up_as_dead()
    {
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("deadcall"), "--Media:MediaTimeout=00:00:01");

        var cdr = await CallEndedByThePbxAsync(pbx);

        cdr.HangupCause.ShouldBe("media timeout");
    }

    /// <summary>Phones that answer and never hang up (nor send RTP): the PBX must send both of them BYE.</summary>
    private static async Task<CdrRow> CallEndedByThePbxAsync(PbxHost pbx)
    {
        await pbx.AddExtensionAsync("3101");
        await pbx.AddExtensionAsync("3102");
        var callerPort = FreePort.UdpAndTcp();
        var calleePort = FreePort.UdpAndTcp();
        (await Sipp.RunAsync("register.xml", pbx.Udp, "3101", callerPort)).ExitCode.ShouldBe(0);
        (await Sipp.RunAsync("register.xml", pbx.Udp, "3102", calleePort)).ExitCode.ShouldBe(0);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, "3102", calleePort,
            keys: new Dictionary<string, string> { ["rtp_port"] = phone.Port.ToString(CultureInfo.InvariantCulture) });

        var uac = await Sipp.RunAsync("uac-hung-up.xml", pbx.Udp, "3101", callerPort, service: "3102");

        uac.ExitCode.ShouldBe(0, "the caller got BYE from the PBX: " + uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the callee got BYE from the PBX");
        var cdr = await CdrRow.ClosedAsync(pbx.Database, "3101", "3102");
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "system"));
        return cdr;
    }
}
