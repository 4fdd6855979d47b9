using System.Globalization;
using Pbx.Grains.Calls;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Transfers, deflect and click-to-call on the wire: sipp phones send REFER (RFC 3515, with Replaces for attended transfer,
/// RFC 3891) and are rung by the PBX; the API asks the call grain directly. Each test checks what the phones saw, the live
/// events and the CDR row.
/// </summary>
public sealed class CallActionTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Blind_refer_notifies_trying_then_ok_and_connects_the_other_party_to_the_target()
    {
        var transferor = await PhoneAsync("5001");
        var other = await PhoneAsync("5002");
        var target = await PhoneAsync("5003");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await using var otherSide = Sipp.Start("uas-answers.xml", Pbx.Udp, other.Number, other.Port, keys: RtpPort());
        await using var targetSide = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: RtpPort());
        await using var refer = Sipp.Start("uac-refers.xml", Pbx.Udp, transferor.Number, transferor.Port, service: other.Number,
            keys: ReferTo($"sip:{target.Number}@127.0.0.1"));

        var callId = await EventAsync(events, "transferred");

        var transferorSide = await refer.WaitAsync();
        transferorSide.ExitCode.ShouldBe(0, "202, NOTIFY 100 and 200 in message/sipfrag, then BYE: " + transferorSide.Output);
        // The other party and the target are now the call: hanging it up reaches both of them.
        (await Pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.Done);
        (await otherSide.WaitAsync()).ExitCode.ShouldBe(0, "the transferred party got BYE from the joined call");
        (await targetSide.WaitAsync()).ExitCode.ShouldBe(0, "the target answered and got BYE from the joined call");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, transferor.Number, other.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "system"));
        cdr.History.ShouldContain("blind-transfer");
        cdr.History.ShouldContain($"\"to\": \"{target.Number}\"");
    }

    [Fact]
    public async Task Blind_refer_to_a_busy_target_notifies_486_and_the_call_goes_on()
    {
        var transferor = await PhoneAsync("5011");
        var other = await PhoneAsync("5012");
        var target = await PhoneAsync("5013");
        await using var otherSide = Sipp.Start("uas-answers.xml", Pbx.Udp, other.Number, other.Port, keys: RtpPort());
        await using var busy = Sipp.Start("uas-busy.xml", Pbx.Udp, target.Number, target.Port);

        var refer = await Sipp.RunAsync("uac-refer-fails.xml", Pbx.Udp, transferor.Number, transferor.Port, service: other.Number,
            keys: ReferTo($"sip:{target.Number}@127.0.0.1"), replace: ("STATUS", "486 Busy Here"));

        refer.ExitCode.ShouldBe(0, "NOTIFY 100, NOTIFY 486, then its own BYE answered 200: " + refer.Output);
        (await busy.WaitAsync()).ExitCode.ShouldBe(0, "the target was rung and refused");
        (await otherSide.WaitAsync()).ExitCode.ShouldBe(0, "the original call went on until the transferor's BYE");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, transferor.Number, other.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"));
        cdr.History.ShouldNotContain("transfer");
    }

    [Fact]
    public async Task Party_held_by_the_transferor_is_re_invited_to_talk_once_the_target_answers()
    {
        var transferor = await PhoneAsync("5091");
        var other = await PhoneAsync("5092");
        var target = await PhoneAsync("5093");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        // Accepts the hold (sendonly) the transferor's re-INVITE causes, then needs a sendrecv re-INVITE (RFC 3264 8.4).
        await using var otherSide = Sipp.Start("uas-held-from-outside.xml", Pbx.Udp, other.Number, other.Port, keys: RtpPort());
        await using var targetSide = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: RtpPort());

        var refer = await Sipp.RunAsync("uac-holds-and-refers.xml", Pbx.Udp, transferor.Number, transferor.Port, service: other.Number,
            keys: ReferTo($"sip:{target.Number}@127.0.0.1"));

        refer.ExitCode.ShouldBe(0, "hold answered, then 202, NOTIFY 100 and 200, BYE: " + refer.Output);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await EventAsync(events, "transferred"));
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        var resumed = await otherSide.WaitAsync();
        resumed.ExitCode.ShouldBe(0, "the held party got sendonly, then sendrecv with the target, then BYE: " + resumed.Output);
        (await targetSide.WaitAsync()).ExitCode.ShouldBe(0);
        (await CdrRow.ClosedAsync(Pbx.Database, transferor.Number, other.Number)).History.ShouldContain("blind-transfer");
    }

    [Fact]
    public async Task Transferor_hanging_up_right_after_its_refer_does_not_end_the_transfer()
    {
        var transferor = await PhoneAsync("5081");
        var other = await PhoneAsync("5082");
        var target = await PhoneAsync("5083");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await using var otherSide = Sipp.Start("uas-answers.xml", Pbx.Udp, other.Number, other.Port, keys: RtpPort());
        // The target takes a second to answer, so the transferor's BYE comes while it rings.
        await using var targetSide = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: RtpPort(),
            replace: ("<send retrans=\"500\">", "<pause milliseconds=\"1000\" /><send retrans=\"500\">"));

        var refer = await Sipp.RunAsync("uac-refers-and-hangs-up.xml", Pbx.Udp, transferor.Number, transferor.Port, service: other.Number,
            keys: ReferTo($"sip:{target.Number}@127.0.0.1"));

        refer.ExitCode.ShouldBe(0, "202, NOTIFY 100, and its BYE answered 200: " + refer.Output);
        var callId = await EventAsync(events, "transferred");
        (await Pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.Done);
        (await otherSide.WaitAsync()).ExitCode.ShouldBe(0, "the transferred party stayed and got BYE from the joined call");
        (await targetSide.WaitAsync()).ExitCode.ShouldBe(0, "the target answered and got BYE from the joined call");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, transferor.Number, other.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "system"));
        cdr.History.ShouldContain("blind-transfer");
    }

    [Fact]
    public async Task Refer_with_replaces_joins_the_transferors_two_parties_and_ends_both_its_calls()
    {
        var transferor = await PhoneAsync("5021");
        var first = await PhoneAsync("5022");
        var second = await PhoneAsync("5023");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await using var firstSide = Sipp.Start("uas-answers.xml", Pbx.Udp, first.Number, first.Port, keys: RtpPort());
        await using var secondSide = Sipp.Start("uas-answers.xml", Pbx.Udp, second.Number, second.Port, keys: RtpPort());
        // The transferor's consultation call to the second party, from a second line of the same extension.
        await using var consultation = Sipp.Start("uac-hung-up.xml", Pbx.Udp, transferor.Number, FreePort.UdpAndTcp(), service: second.Number);
        var consultationId = await EventAsync(events, "answered");
        var replaces = await ReplacesAsync(consultationId);

        await using var refer = Sipp.Start("uac-refers.xml", Pbx.Udp, transferor.Number, transferor.Port, service: first.Number,
            keys: ReferTo($"sip:{second.Number}@127.0.0.1?Replaces={Uri.EscapeDataString(replaces)}"));
        var callId = await EventAsync(events, "transferred");

        var transferorSide = await refer.WaitAsync();
        transferorSide.ExitCode.ShouldBe(0, "202, NOTIFY 100 and 200, then BYE: " + transferorSide.Output);
        var consulted = await consultation.WaitAsync();
        consulted.ExitCode.ShouldBe(0, "the consultation call ended with BYE to the transferor: " + consulted.Output);
        (await Pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.Done);
        (await firstSide.WaitAsync()).ExitCode.ShouldBe(0, "the first party got BYE from the joined call");
        (await secondSide.WaitAsync()).ExitCode.ShouldBe(0, "the second party, moved without a new INVITE, got BYE from the joined call");
        var joined = await CdrRow.ClosedAsync(Pbx.Database, transferor.Number, first.Number);
        joined.History.ShouldContain("attended-transfer");
        joined.History.ShouldContain($"\"to\": \"{second.Number}\"");
        var replaced = await CdrRow.ClosedAsync(Pbx.Database, transferor.Number, second.Number);
        (replaced.Disposition, replaced.HangupCause).ShouldBe(("answered", "attended transfer"));
    }

    [Fact]
    public async Task Transfer_from_the_api_sends_the_callee_bye_and_connects_the_caller_to_the_target()
    {
        var caller = await PhoneAsync("5031");
        var callee = await PhoneAsync("5032");
        var target = await PhoneAsync("5033");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await using var calleeSide = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: RtpPort());
        await using var targetSide = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: RtpPort());
        await using var callerSide = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await EventAsync(events, "answered"));

        (await call.TransferAsync(target.Number, "9999")).ShouldBe(CallActionResult.NotApplicable, "9999 is not on the call");
        (await call.TransferAsync(target.Number, null)).ShouldBe(CallActionResult.Done);

        (await calleeSide.WaitAsync()).ExitCode.ShouldBe(0, "the callee left with BYE");
        await EventAsync(events, "transferred");
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        (await callerSide.WaitAsync()).ExitCode.ShouldBe(0, "the caller stayed, talking to the target, until the hang-up");
        (await targetSide.WaitAsync()).ExitCode.ShouldBe(0, "the target answered and got BYE");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        cdr.History.ShouldContain("blind-transfer");
        cdr.History.ShouldContain($"\"from\": \"{callee.Number}\"");
    }

    [Fact]
    public async Task Deflect_cancels_the_ringing_phone_and_the_target_answers_instead()
    {
        var caller = await PhoneAsync("5041");
        var callee = await PhoneAsync("5042");
        var target = await PhoneAsync("5043");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await using var ringing = Sipp.Start("uas-rings.xml", Pbx.Udp, callee.Number, callee.Port);
        await using var targetSide = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: RtpPort());
        await using var callerSide = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await EventAsync(events, "ringing"));

        (await call.DeflectAsync("voicemail")).ShouldBe(CallActionResult.NotApplicable, "there is no voicemail yet");
        (await call.DeflectAsync(target.Number)).ShouldBe(CallActionResult.Done);

        (await ringing.WaitAsync()).ExitCode.ShouldBe(0, "the ringing phone got CANCEL");
        await EventAsync(events, "answered");
        (await call.DeflectAsync(callee.Number)).ShouldBe(CallActionResult.NotApplicable, "answered calls are not deflected");
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        (await callerSide.WaitAsync()).ExitCode.ShouldBe(0, "the caller was answered by the target");
        (await targetSide.WaitAsync()).ExitCode.ShouldBe(0);
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, caller.Number, callee.Number);
        cdr.Disposition.ShouldBe("answered");
        cdr.History.ShouldContain("deflect");
        cdr.History.ShouldContain($"\"to\": \"{target.Number}\"");
    }

    [Fact]
    public async Task Originate_rings_the_originator_first_then_the_number_and_bridges_them()
    {
        var originator = await PhoneAsync("5051");
        var number = await PhoneAsync("5052");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await using var originatorSide = Sipp.Start("uas-answers-click-to-call.xml", Pbx.Udp, originator.Number, originator.Port);
        await using var numberSide = Sipp.Start("uas-answers.xml", Pbx.Udp, number.Number, number.Port, keys: RtpPort());
        var call = Pbx.Grains.GetGrain<ICallGrain>("click-to-call-5051@test");

        (await call.OriginateAsync(new OriginateRequest(originator.Number, number.Number))).ShouldBe(CallActionResult.Done);
        (await call.OriginateAsync(new OriginateRequest(originator.Number, number.Number))).ShouldBe(CallActionResult.NotApplicable, "the key is in use");

        (await EventAsync(events, "answered")).ShouldBe("click-to-call-5051@test");
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        var first = await originatorSide.WaitAsync();
        first.ExitCode.ShouldBe(0, "the originator was rung with \"Click to call\" and got BYE: " + first.Output);
        (await numberSide.WaitAsync()).ExitCode.ShouldBe(0, "the number was rung once the originator answered");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, originator.Number, number.Number);
        (cdr.Disposition, cdr.Answered).ShouldBe(("answered", true));
        (await DirectionAsync(cdr.CallId)).ShouldBe("internal");
    }

    [Fact]
    public async Task Originate_to_a_busy_originator_ends_busy_without_ringing_the_number()
    {
        var originator = await PhoneAsync("5061");
        var number = await PhoneAsync("5062");
        await using var busy = Sipp.Start("uas-busy.xml", Pbx.Udp, originator.Number, originator.Port);

        (await Pbx.Grains.GetGrain<ICallGrain>("click-to-call-5061@test").OriginateAsync(new OriginateRequest(originator.Number, number.Number)))
            .ShouldBe(CallActionResult.Done);

        (await busy.WaitAsync()).ExitCode.ShouldBe(0, "the originator's phone was rung and refused");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, originator.Number, number.Number);
        (cdr.Disposition, cdr.HangupCause, cdr.Answered).ShouldBe(("busy", "486 Busy Here", false));
    }

    [Fact]
    public async Task Actions_on_unknown_calls_or_unreachable_parties_say_so()
    {
        var unknown = Pbx.Grains.GetGrain<ICallGrain>("no-such-call@xfer");
        (await unknown.TransferAsync("5001", null)).ShouldBe(CallActionResult.NoSuchCall);
        (await unknown.DeflectAsync("5001")).ShouldBe(CallActionResult.NoSuchCall);
        await Pbx.AddExtensionAsync("5071");
        (await Pbx.Grains.GetGrain<ICallGrain>("click-to-call-5071@test").OriginateAsync(new OriginateRequest("5071", "5001")))
            .ShouldBe(CallActionResult.NotApplicable, "5071 has no registered phone");
    }

    /// <summary>The Replaces value naming the transferor's dialog of <paramref name="callId"/> (RFC 3891 6.1), from the call's persisted state.</summary>
    private async Task<string> ReplacesAsync(string callId)
    {
        await using var command = Pbx.Database.CreateCommand(
            "select payload->'callerLeg'->>'localTag', payload->'callerLeg'->>'remoteTag' from grain_state where grain_type = 'call' and grain_key = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = callId });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue($"the answered call {callId} is persisted");
        // The transferor was the UAC of that dialog: the PBX's tag is the to-tag, its own the from-tag.
        return $"{callId};to-tag={reader.GetString(0)};from-tag={reader.GetString(1)}";
    }

    private async Task<string> DirectionAsync(string callId)
    {
        await using var command = Pbx.Database.CreateCommand("select direction from cdrs where call_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = callId });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private Task<TestPhone> PhoneAsync(string number) => TestPhone.RegisterAsync(Pbx, number);

    /// <summary>The key of the next call event of <paramref name="kind"/>.</summary>
    internal static async Task<string> EventAsync(LiveSubscription events, string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Kind == kind)
                return e.Key;
        }
        throw new InvalidOperationException($"the live event stream ended before a \"{kind}\" call event");
    }

    private static Dictionary<string, string> ReferTo(string uri) => new() { ["refer_to"] = uri };

    // The phones' RTP goes to a port nobody reads: these tests check signalling and the call's membership.
    private static Dictionary<string, string> RtpPort() => new() { ["rtp_port"] = FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture) };
}
