using System.Globalization;
using Pbx.Grains.Calls;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Extension-to-extension calls on the wire: sipp phones register with digest auth, then call each other through the
/// PBX (RFC 3261 B2BUA, media anchored on the media node). Each test checks what the phones saw and the CDR row.
/// </summary>
public sealed class CallTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private static readonly TimeSpan RtpWait = TimeSpan.FromSeconds(5);

    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Answered_call_relays_audio_through_the_media_node_and_the_caller_hangs_up()
    {
        var (caller, callee) = await PairAsync("2001", "2002");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        var (calleeExit, calleeOutput) = await uas.WaitAsync();
        calleeExit.ShouldBe(0, calleeOutput);
        uac.ExitCode.ShouldBe(0, uac.Output);
        // The caller's RTP reaches the callee from the media node's port range, never from the caller's own port.
        var (source, payloadType) = await phone.FirstPacketAsync(RtpWait);
        source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        payloadType.ShouldBe(8, "PCMA relayed unchanged");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide, cdr.Answered).ShouldBe(("answered", "caller", true));
        var callEvents = await CallEventsAsync(events, cdr.CallId);
        callEvents.Select(e => e.Kind).ShouldBe(["ringing", "answered", "ended"]);
        // The wallboard frees both parties from the "ended" event, so it must still name them.
        var ended = callEvents[^1].Data;
        (ended.GetProperty("caller").GetString(), ended.GetProperty("callee").GetString()).ShouldBe((caller.Number, callee.Number));
    }

    [Fact]
    public async Task Callee_hangs_up_with_bye_and_the_caller_gets_it()
    {
        var (caller, callee) = await PairAsync("2011", "2012");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-hangs-up.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "callee"));
    }

    [Fact]
    public async Task Caller_cancel_gets_487_and_the_ringing_phone_is_cancelled()
    {
        var (caller, callee) = await PairAsync("2021", "2022");
        await using var uas = Sipp.Start("uas-rings.xml", Pbx.Udp, callee.Number, callee.Port);

        var uac = await Sipp.RunAsync("uac-cancels.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var callee487 = await uas.WaitAsync();
        callee487.ExitCode.ShouldBe(0, "the callee's INVITE was CANCELled: " + callee487.Output);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide, cdr.Answered).ShouldBe(("cancelled", "caller", false));
    }

    [Fact]
    public async Task Busy_callee_gives_the_caller_486()
    {
        var (caller, callee) = await PairAsync("2031", "2032");
        await using var uas = Sipp.Start("uas-busy.xml", Pbx.Udp, callee.Number, callee.Port);

        var uac = await RefusedAsync(caller, callee.Number, 486);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).Disposition.ShouldBe("busy");
    }

    [Fact]
    public async Task Unknown_number_gives_404()
    {
        var caller = await PhoneAsync("2041");

        var uac = await RefusedAsync(caller, "2999", 404);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, "2999");
        (cdr.Disposition, cdr.HangupCause).ShouldBe(("failed", "404 Not Found"));
    }

    [Fact]
    public async Task Extension_with_no_registered_phone_gives_480()
    {
        var caller = await PhoneAsync("2051");
        await Pbx.AddExtensionAsync("2052");

        var uac = await RefusedAsync(caller, "2052", 480);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, "2052")).Disposition.ShouldBe("no-answer");
    }

    [Fact]
    public async Task Unanswered_call_is_cancelled_after_the_no_answer_time_and_the_caller_gets_480()
    {
        var (caller, callee) = await PairAsync("2061", "2062");
        await using var uas = Sipp.Start("uas-rings.xml", Pbx.Udp, callee.Number, callee.Port);

        var uac = await RefusedAsync(caller, callee.Number, 480);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the ringing phone was CANCELled");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("no-answer", "system"));
        cdr.Duration.ShouldBeGreaterThanOrEqualTo((int)PbxHost.NoAnswerTimeout.TotalSeconds);
    }

    [Fact]
    public async Task Two_registered_phones_ring_in_parallel_and_the_one_that_does_not_answer_is_cancelled()
    {
        var caller = await PhoneAsync("2071");
        var desk = await PhoneAsync("2072");
        var mobile = await PhoneAsync("2072");
        using var rtp = new RtpSink();
        await using var answering = Sipp.Start("uas-answers.xml", Pbx.Udp, desk.Number, desk.Port, keys: TestPhone.RtpPort(rtp));
        await using var ringing = Sipp.Start("uas-rings.xml", Pbx.Udp, mobile.Number, mobile.Port);

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "2072");

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await answering.WaitAsync()).ExitCode.ShouldBe(0);
        var loser = await ringing.WaitAsync();
        loser.ExitCode.ShouldBe(0, "the other phone got CANCEL and answered 487: " + loser.Output);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, "2072")).Disposition.ShouldBe("answered");
    }

    [Fact]
    public async Task Re_invite_for_hold_reaches_the_other_phone_with_its_sdp_re_anchored_and_music_on_hold()
    {
        var (caller, callee) = await PairAsync("2081", "2082");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-held.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-reinvite.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var held = await uas.WaitAsync();
        held.ExitCode.ShouldBe(0, "the callee got a re-INVITE offering sendonly: " + held.Output);
        // The caller sends no RTP, so what reaches the held callee from the media node is the music on hold.
        (await phone.FirstPacketAsync(RtpWait)).Source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        cdr.Disposition.ShouldBe("answered");
        (await CallEventsAsync(events, cdr.CallId)).Select(e => e.Kind).ShouldBe(["ringing", "answered", "held", "ended"]);
    }

    [Fact]
    public async Task Early_media_is_relayed_with_sdp_and_an_update_reaches_the_other_phone()
    {
        var (caller, callee) = await PairAsync("2141", "2142");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-early-media.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-update.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, "the caller got 183 with SDP and a 200 with SDP for its UPDATE: " + uac.Output);
        var updated = await uas.WaitAsync();
        updated.ExitCode.ShouldBe(0, "the callee got the UPDATE with an offer: " + updated.Output);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).Disposition.ShouldBe("answered");
    }

    [Fact]
    public async Task Do_not_disturb_gives_the_caller_486_without_ringing()
    {
        var (caller, callee) = await PairAsync("2091", "2092");
        await Pbx.SetSettingsAsync(callee.Number, """{"dnd": true}""");

        var uac = await RefusedAsync(caller, callee.Number, 486);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).Disposition.ShouldBe("busy");
    }

    [Fact]
    public async Task Forward_always_rings_the_target_and_the_cdr_records_the_forward()
    {
        var caller = await PhoneAsync("2101");
        await Pbx.AddExtensionAsync("2102");
        var target = await PhoneAsync("2103");
        await Pbx.SetSettingsAsync("2102", """{"forwardAlways": "2103"}""");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "2102");

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the forward target answered");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, "2102");
        cdr.Disposition.ShouldBe("answered");
        cdr.History.ShouldContain("\"to\": \"2103\"");
    }

    [Fact]
    public async Task Busy_callee_with_a_busy_forward_rings_the_forward_target()
    {
        var caller = await PhoneAsync("2121");
        var busy = await PhoneAsync("2122");
        var target = await PhoneAsync("2123");
        await Pbx.SetSettingsAsync(busy.Number, """{"forwardBusy": "2123"}""");
        using var phone = new RtpSink();
        await using var refusing = Sipp.Start("uas-busy.xml", Pbx.Udp, busy.Number, busy.Port);
        await using var answering = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: busy.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await refusing.WaitAsync()).ExitCode.ShouldBe(0);
        (await answering.WaitAsync()).ExitCode.ShouldBe(0, "the busy forward target answered");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, busy.Number);
        cdr.Disposition.ShouldBe("answered");
        cdr.History.ShouldContain("forward-busy");
    }

    [Fact]
    public async Task Unanswered_callee_with_a_no_answer_forward_is_cancelled_and_the_target_rings()
    {
        var caller = await PhoneAsync("2131");
        var away = await PhoneAsync("2132");
        var target = await PhoneAsync("2133");
        await Pbx.SetSettingsAsync(away.Number, """{"forwardNoAnswer": "2133", "noAnswerSeconds": 1}""");
        using var phone = new RtpSink();
        await using var ringing = Sipp.Start("uas-rings.xml", Pbx.Udp, away.Number, away.Port);
        await using var answering = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: away.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await ringing.WaitAsync()).ExitCode.ShouldBe(0, "the unanswered phone got CANCEL");
        (await answering.WaitAsync()).ExitCode.ShouldBe(0, "the no-answer forward target answered");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, away.Number);
        cdr.Disposition.ShouldBe("answered");
        cdr.History.ShouldContain("forward-no-answer");
    }

    [Fact]
    public async Task Hangup_from_outside_sends_bye_to_both_phones()
    {
        var (caller, callee) = await PairAsync("2111", "2112");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        await using var uac = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = await AnsweredCallAsync(events);

        (await Pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.Done);

        var callerSide = await uac.WaitAsync();
        callerSide.ExitCode.ShouldBe(0, "the caller got BYE: " + callerSide.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the callee got BYE");
        (await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number)).HangupSide.ShouldBe("system");
        (await Pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.NoSuchCall);
    }

    [Fact]
    public async Task Hold_from_outside_re_invites_both_phones_plays_music_and_resume_re_invites_them_back()
    {
        var (caller, callee) = await PairAsync("2151", "2152");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-held-from-outside.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        await using var uac = Sipp.Start("uac-held-from-outside.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = await AnsweredCallAsync(events);
        var call = Pbx.Grains.GetGrain<ICallGrain>(callId);

        (await call.HoldAsync()).ShouldBe(CallActionResult.Done);
        (await call.HoldAsync()).ShouldBe(CallActionResult.NotApplicable, "already held");
        // Nobody on the call sends RTP, so what reaches the held callee from the media node is the music on hold.
        var (source, _) = await phone.FirstPacketAsync(RtpWait);
        source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        (await call.ResumeAsync()).ShouldBe(CallActionResult.Done);
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);

        var callerSide = await uac.WaitAsync();
        callerSide.ExitCode.ShouldBe(0, "the caller got sendonly, then sendrecv re-INVITEs: " + callerSide.Output);
        var calleeSide = await uas.WaitAsync();
        calleeSide.ExitCode.ShouldBe(0, "the callee got sendonly, then sendrecv re-INVITEs: " + calleeSide.Output);
        (await CallEventsAsync(events, callId)).Select(e => e.Kind).ShouldBe(["held", "resumed", "ended"], "ringing and answered were read waiting for the answer");
        (await call.HoldAsync()).ShouldBe(CallActionResult.NoSuchCall);
    }

    [Fact]
    public async Task Hangup_of_an_unknown_call_says_so()
    {
        (await Pbx.Grains.GetGrain<ICallGrain>("no-such-call@test").HangupAsync()).ShouldBe(CallActionResult.NoSuchCall);
    }

    /// <summary>The id of the next call answered, from the live events.</summary>
    internal static async Task<string> AnsweredCallAsync(LiveSubscription events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Kind == "answered")
                return e.Key;
        }
        throw new InvalidOperationException("the live event stream ended before any call was answered");
    }

    private async Task<(TestPhone Caller, TestPhone Callee)> PairAsync(string caller, string callee) => (await PhoneAsync(caller), await PhoneAsync(callee));

    private Task<TestPhone> PhoneAsync(string number) => TestPhone.RegisterAsync(Pbx, number);

    private Task<(int ExitCode, string Output)> RefusedAsync(TestPhone caller, string callee, int status) =>
        Sipp.RunAsync("uac-refused.xml", Pbx.Udp, caller.Number, caller.Port, service: callee,
            replace: ("STATUS", status.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The call's live events up to "ended".</summary>
    private static async Task<List<LiveEvent>> CallEventsAsync(LiveSubscription events, string callId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seen = new List<LiveEvent>();
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Key != callId)
                continue;
            seen.Add(e);
            if (e.Kind == "ended")
                return seen;
        }
        return seen;
    }
}
