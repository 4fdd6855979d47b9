using Pbx.Grains.Media;
using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Dtmf;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>Keys the node sends to a phone, received on a real UDP socket and decoded by the node's own detectors.</summary>
public sealed class DtmfSendingTests : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Sent = TimeSpan.FromSeconds(10);
    private readonly MediaEngineHarness _node = new();
    private readonly RtpPhone _alice = new(0xA11CE);
    private readonly RtpPhone _bob = new(0xB0B);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public async Task Keys_to_a_telephone_event_leg_arrive_as_rfc4733_events_each_decoded_exactly_once()
    {
        var a = await _node.AnswerAsync(_alice, "0 101");

        await _node.Engine.SendDtmfAsync(a.Id, DtmfDigits.All).WaitAsync(Sent);
        var packets = await _alice.CollectAsync(Quiet);

        var decoded = new List<char>();
        var receiver = new TelephoneEventReceiver(decoded.Add);
        foreach (var packet in packets)
            receiver.Accept(packet.Timestamp, packet.Payload);
        new string([.. decoded]).ShouldBe(DtmfDigits.All);

        packets.ShouldAllBe(p => p.PayloadType == 101 && p.Ssrc == packets[0].Ssrc);
        ShouldBeConsecutive(packets);
        // RFC 4733 section 2.5.1: per key, one timestamp (its start); marker on the first packet only; the duration grows
        // by one packet time per update; the final duration three times with the E bit.
        var events = packets.GroupBy(p => p.Timestamp).ToList();
        events.Count.ShouldBe(DtmfDigits.All.Length);
        for (var key = 0; key < events.Count; key++)
        {
            var blocks = events[key].Select(p => (p.Marker, Ok: TelephoneEvent.TryRead(p.Payload, out var e), Event: e)).ToList();
            blocks.Select(b => b.Marker).ShouldBe([true, false, false, false, false, false, false]);
            blocks.ShouldAllBe(b => b.Ok && b.Event.Event == key && b.Event.Volume == 10);
            blocks.Select(b => b.Event.End).ShouldBe([false, false, false, false, true, true, true]);
            blocks.Select(b => (int)b.Event.Duration).ShouldBe([160, 320, 480, 640, 800, 800, 800]);
            if (key > 0)
                (events[key].Key - events[key - 1].Key).ShouldBe(1280u, "one key every 160 ms: 100 ms pressed, 60 ms released");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public async Task Keys_to_a_leg_without_telephone_event_arrive_as_tones_the_goertzel_detector_hears_exactly_once(int payloadType)
    {
        var a = await _node.AnswerAsync(_alice, payloadType.ToString());

        await _node.Engine.SendDtmfAsync(a.Id, DtmfDigits.All).WaitAsync(Sent);
        var packets = await _alice.CollectAsync(Quiet);

        var decoded = new List<char>();
        var detector = new InbandDtmfDetector(decoded.Add);
        var samples = new short[160];
        foreach (var packet in packets)
        {
            packet.PayloadType.ShouldBe(payloadType);
            packet.Payload.Length.ShouldBe(160);
            if (payloadType == 0)
                G711.DecodeMuLaw(packet.Payload, samples);
            else
                G711.DecodeALaw(packet.Payload, samples);
            detector.Process(samples);
        }
        new string([.. decoded]).ShouldBe(DtmfDigits.All);
        // 100 ms tone and 60 ms silence per key, as one unbroken 20 ms stream.
        packets.Count.ShouldBe(8 * DtmfDigits.All.Length);
        ShouldBeConsecutive(packets);
        for (var i = 1; i < packets.Count; i++)
            (packets[i].Timestamp - packets[i - 1].Timestamp).ShouldBe(160u);
    }

    [Fact]
    public async Task Relayed_audio_pauses_for_an_event_and_resumes_with_continuous_sequence_and_later_timestamps()
    {
        var a = await _node.AnswerAsync(_alice, "0 101");
        var b = await _node.AnswerAsync(_bob, "0 101");
        await _node.Engine.BridgeAsync(a.Id, b.Id);
        var talking = _bob.SendPacedAsync(b.Port, 0, _ => new byte[160], 40);
        var before = new List<ReceivedRtp>();
        for (var i = 0; i < 5; i++)
            before.Add(await _alice.ReceiveAsync());

        await _node.Engine.SendDtmfAsync(a.Id, "7").WaitAsync(Sent);
        await talking;
        var packets = before.Concat(await _alice.CollectAsync(Quiet)).ToList();

        ShouldBeConsecutive(packets);
        packets.ShouldAllBe(p => p.Ssrc == packets[0].Ssrc);
        var firstEvent = packets.FindIndex(p => p.PayloadType == 101);
        var lastEvent = packets.FindLastIndex(p => p.PayloadType == 101);
        (lastEvent - firstEvent).ShouldBe(6, "seven event packets in a row, no audio between them");
        var eventStart = packets[firstEvent].Timestamp;
        (eventStart - packets[firstEvent - 1].Timestamp).ShouldBeInRange(1u, 8000u, "the event starts after the audio before it");
        var resumed = packets[lastEvent + 1];
        resumed.PayloadType.ShouldBe(0, "audio resumes after the event");
        resumed.Marker.ShouldBeTrue("a new talkspurt (RFC 3550 section 5.1)");
        (resumed.Timestamp - eventStart).ShouldBeInRange(800u, 8000u, "audio must not overlap the 100 ms event");
    }

    [Fact]
    public async Task A_prompt_pauses_for_the_keys_and_resumes_in_the_same_stream_without_completing()
    {
        var a = await _node.AnswerAsync(_alice, "0 101");
        await _node.Engine.PlayAsync(a.Id, new PlaybackRequest("ringback", null, MediaTone.Ringback));
        await _alice.ReceiveAsync();
        _alice.Discard();

        await _node.Engine.SendDtmfAsync(a.Id, "3").WaitAsync(Sent);
        var packets = new List<ReceivedRtp>();
        while (packets.Count(p => p.PayloadType == 0) < 5 || packets[^1].PayloadType != 0)
            packets.Add(await _alice.ReceiveAsync());

        packets.Count(p => p.PayloadType == 101).ShouldBe(7);
        (packets.FindLastIndex(p => p.PayloadType == 101) - packets.FindIndex(p => p.PayloadType == 101)).ShouldBe(6, "no tone between the key's packets");
        ShouldBeConsecutive(packets);
        packets.ShouldAllBe(p => p.Ssrc == packets[0].Ssrc);
        packets[packets.FindLastIndex(p => p.PayloadType == 101) + 1].PayloadType.ShouldBe(0, "the tone resumes after the key");
        a.Events.Drain<PlaybackCompleted>().ShouldBeEmpty("the prompt was paused, not stopped");
    }

    [Fact]
    public async Task Releasing_the_leg_completes_the_keys_still_queued()
    {
        var a = await _node.AnswerAsync(_alice, "0 101");
        // Twenty keys take 3.2 s to send.
        var sending = _node.Engine.SendDtmfAsync(a.Id, "12345678901234567890");

        await _node.Engine.ReleaseAsync(a.Id);

        await sending.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12E")]
    [InlineData("1 2")]
    public async Task Digits_other_than_the_sixteen_keys_are_refused_before_anything_is_sent(string digits)
    {
        var a = await _node.AnswerAsync(_alice, "0 101");

        await Should.ThrowAsync<ArgumentException>(() => _node.Engine.SendDtmfAsync(a.Id, digits));
        (await _alice.StaysSilentAsync(Quiet)).ShouldBeTrue();
    }

    private static void ShouldBeConsecutive(List<ReceivedRtp> packets)
    {
        for (var i = 1; i < packets.Count; i++)
            ((ushort)(packets[i].Sequence - packets[i - 1].Sequence)).ShouldBe((ushort)1, $"packet {i} follows packet {i - 1}");
    }
}
