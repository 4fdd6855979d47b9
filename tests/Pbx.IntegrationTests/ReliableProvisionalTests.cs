using System.Diagnostics;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Reliable provisional responses (RFC 3262) and early-dialog UPDATE (RFC 3311) on the wire, hop by hop through the B2BUA:
/// sipp callees that send a reliable 183 and expect the PBX's PRACK, sipp callers with and without 100rel.
/// </summary>
public sealed class ReliableProvisionalTests(ReliableProvisionalFixture fixture) : IClassFixture<ReliableProvisionalFixture>
{
    private static readonly TimeSpan RtpWait = TimeSpan.FromSeconds(5);

    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Reliable_183_is_pracked_on_the_callee_leg_and_relayed_reliably_to_a_caller_that_supports_100rel()
    {
        var (caller, callee) = await PairAsync("6001", "6002");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-reliable-early-media.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-pracks.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, "the caller got a 183 with Require: 100rel and RSeq, 200 for its PRACK, then the 200: " + uac.Output);
        var calleeSide = await uas.WaitAsync();
        calleeSide.ExitCode.ShouldBe(0, "the callee's reliable 183 got the PBX's PRACK with RAck 1 1 INVITE: " + calleeSide.Output);
        var (source, payloadType) = await phone.FirstPacketAsync(RtpWait);
        source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        payloadType.ShouldBe(8, "the caller's PCMA relayed through the media node");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"));
    }

    [Fact]
    public async Task Caller_without_100rel_gets_the_callee_s_reliable_early_media_as_a_plain_183()
    {
        var (caller, callee) = await PairAsync("6011", "6012");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-reliable-early-media.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-early-media.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, "the caller got a 183 with SDP and neither RSeq nor 100rel: " + uac.Output);
        var calleeSide = await uas.WaitAsync();
        calleeSide.ExitCode.ShouldBe(0, "the callee still got its PRACK from the PBX: " + calleeSide.Output);
        (await phone.FirstPacketAsync(RtpWait)).Source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).Disposition.ShouldBe("answered");
    }

    [Fact]
    public async Task Caller_that_never_pracks_gets_504_after_64_t1_and_the_ringing_callee_is_cancelled_at_once()
    {
        var (caller, callee) = await PairAsync("6021", "6022");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-reliable-early-media-rings.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        var clock = Stopwatch.StartNew();

        var uac = await Sipp.RunAsync("uac-never-pracks.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        var calleeSide = await uas.WaitAsync();
        uac.ExitCode.ShouldBe(0, "the caller got 504 after the reliable 183 went unacknowledged: " + uac.Output);
        calleeSide.ExitCode.ShouldBe(0, "the callee got CANCEL: " + calleeSide.Output);
        // RFC 3262 section 3: the PBX retransmits for 64*T1 before giving up, and the callee's ringing ends with the
        // caller's INVITE, not at the no-answer time.
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(ReliableProvisionalFixture.T1 * 64);
        clock.Elapsed.ShouldBeLessThan(ReliableProvisionalFixture.NoAnswerTimeout);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.Answered).ShouldBe(("cancelled", false));
    }

    [Fact]
    public async Task Update_with_a_new_offer_in_the_early_dialog_is_answered_with_sdp()
    {
        var (caller, callee) = await PairAsync("6031", "6032");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-reliable-early-media-rings.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-early-update.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, "the caller's early UPDATE got 200 with an SDP answer, then its CANCEL ended the call: " + uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the callee was CANCELled");
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).Disposition.ShouldBe("cancelled");
    }

    [Fact]
    public async Task Update_from_the_ringing_callee_in_its_early_dialog_is_answered_with_sdp_and_the_call_goes_on()
    {
        var (caller, callee) = await PairAsync("6041", "6042");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-reliable-early-media-updates.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-pracks.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        var calleeSide = await uas.WaitAsync();
        calleeSide.ExitCode.ShouldBe(0, "the callee's early UPDATE got 200 with an SDP answer: " + calleeSide.Output);
        uac.ExitCode.ShouldBe(0, uac.Output);
        // The media anchor took the callee's new offer: the caller's audio still reaches it.
        (await phone.FirstPacketAsync(RtpWait)).Source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).Disposition.ShouldBe("answered");
    }

    private async Task<(TestPhone Caller, TestPhone Callee)> PairAsync(string caller, string callee) =>
        (await TestPhone.RegisterAsync(Pbx, caller), await TestPhone.RegisterAsync(Pbx, callee));
}
