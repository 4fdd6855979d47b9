using System.Buffers.Binary;
using System.Globalization;
using Pbx.Grains.Calls;
using Pbx.MediaNode.Dtmf;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>DTMF asked of a call from outside (API, console): the keys reach the other phone as RFC 4733 events.</summary>
public sealed class DtmfCallTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Keys_sent_from_the_callers_side_reach_the_callee_as_rfc4733_events_and_bad_requests_are_refused()
    {
        var caller = await PhoneAsync("3301");
        var callee = await PhoneAsync("3302");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        var rtpPort = new Dictionary<string, string> { ["rtp_port"] = phone.Port.ToString(CultureInfo.InvariantCulture) };
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: rtpPort);
        await using var uac = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await CallTests.AnsweredCallAsync(events));

        (await call.SendDtmfAsync(caller.Number, "12X")).ShouldBe(CallActionResult.InvalidArgument);
        (await call.SendDtmfAsync("3999", "1")).ShouldBe(CallActionResult.InvalidArgument, "3999 is not in the call");
        (await call.SendDtmfAsync(caller.Number, "19#")).ShouldBe(CallActionResult.Done);

        // The caller's sipp sends no RTP, so everything the callee's RTP port gets is the keys.
        var packets = await phone.CollectAsync(TimeSpan.FromMilliseconds(300));
        var keys = new List<char>();
        var receiver = new TelephoneEventReceiver(keys.Add);
        foreach (var packet in packets)
        {
            (packet[1] & 0x7f).ShouldBe(101, "the payload type the callee gave telephone-event");
            receiver.Accept(BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4)), packet.AsSpan(12));
        }
        new string([.. keys]).ShouldBe("19#");
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        (await uac.WaitAsync()).ExitCode.ShouldBe(0, "the caller got BYE");
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the callee got BYE");
        (await call.SendDtmfAsync(caller.Number, "1")).ShouldBe(CallActionResult.NoSuchCall);
    }

    private Task<TestPhone> PhoneAsync(string number) => TestPhone.RegisterAsync(Pbx, number);
}
