using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Offers that cross inside a dialog (RFC 3261 14.1 and 14.2) on the wire: a phone's re-INVITE meeting the PBX's own gets
/// 491, the PBX's own refused with 491 goes again after its random wait, and a second re-INVITE over one still being
/// answered gets 500 with Retry-After.
/// </summary>
public sealed class GlareTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Crossing_re_invites_get_491_and_the_pbx_sends_its_own_again_after_its_wait()
    {
        var caller = await TestPhone.RegisterAsync(Pbx, "6201");
        var callee = await TestPhone.RegisterAsync(Pbx, "6202");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-glare.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-reinvites-twice.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        var calleeSide = await uas.WaitAsync();
        calleeSide.ExitCode.ShouldBe(0, "the callee's re-INVITE got 491, and the PBX's re-INVITE it refused with 491 came again with CSeq 3: " + calleeSide.Output);
        uac.ExitCode.ShouldBe(0, "the caller's second re-INVITE got 500 with Retry-After, its first the 200 after the retry: " + uac.Output);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        cdr.Disposition.ShouldBe("answered");
        // RFC 3261 14.1: the PBX chose the callee leg's Call-ID, so its retry waited 2.1 to 4 s; the call lasted at least that.
        cdr.Billable.ShouldBeGreaterThanOrEqualTo(2);
    }
}
