using Pbx.Grains.Media;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Tests.Engine;

public sealed class RelayTests : IAsyncLifetime
{
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
    public async Task Bridged_legs_with_the_same_codec_relay_payloads_byte_exact_in_both_directions()
    {
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);

        var first = new List<ReceivedRtp>();
        for (var i = 0; i < 20; i++)
        {
            var payload = Payload(i);
            _alice.Send(a.Port, 0, payload);
            var got = await _bob.ReceiveAsync();
            got.Payload.ShouldBe(payload);
            got.PayloadType.ShouldBe(0);
            first.Add(got);

            _bob.Send(b.Port, 0, payload.Reverse().ToArray());
            (await _alice.ReceiveAsync()).Payload.ShouldBe(payload.Reverse().ToArray());
        }
        // One stream: a fixed SSRC (the node's, not Alice's), consecutive sequence numbers, 160 samples per packet.
        first.Select(p => p.Ssrc).Distinct().ShouldHaveSingleItem();
        for (var i = 1; i < first.Count; i++)
        {
            ((ushort)(first[i].Sequence - first[i - 1].Sequence)).ShouldBe((ushort)1);
            (first[i].Timestamp - first[i - 1].Timestamp).ShouldBe(160u);
        }
        // Counted just after each send: the last packet can arrive before its count.
        await Poll.UntilAsync(() => _node.Counters.Forwarded >= 40);
        _node.Counters.Forwarded.ShouldBe(40);
    }

    [Fact]
    public async Task Switching_the_source_of_a_leg_keeps_its_ssrc_sequence_and_timestamp_continuous()
    {
        using var carol = new RtpPhone(0xCA201);
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        var c = await _node.AnswerAsync(carol);
        await _node.Engine.BridgeAsync(a.Id, b.Id);
        var received = new List<ReceivedRtp>();
        for (var i = 0; i < 5; i++)
        {
            _alice.Send(a.Port, 0, Payload(i));
            received.Add(await _bob.ReceiveAsync());
        }

        // Bob is transferred from Alice to Carol, whose stream has another SSRC, sequence and timestamp base.
        await _node.Engine.BridgeAsync(c.Id, b.Id);
        for (var i = 0; i < 5; i++)
        {
            carol.Send(c.Port, 0, Payload(i));
            received.Add(await _bob.ReceiveAsync());
        }

        received.Select(p => p.Ssrc).Distinct().ShouldHaveSingleItem();
        for (var i = 1; i < received.Count; i++)
        {
            ((ushort)(received[i].Sequence - received[i - 1].Sequence)).ShouldBe((ushort)1, $"packet {i}");
            var step = received[i].Timestamp - received[i - 1].Timestamp;
            step.ShouldBeInRange(160u, 8000u, $"packet {i}: the timestamp moves forward by at least a frame and never jumps");
        }
        received[5].Marker.ShouldBeTrue("the first packet of the new source starts a talkspurt");
    }

    [Fact]
    public async Task Media_goes_back_to_where_it_comes_from_not_to_the_sdp_address()
    {
        // Behind NAT: the phone's SDP names one port, its packets come from another.
        using var natted = new RtpPhone(0x7A7);
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);

        _node.Engine.GetLatchedSource(a.Id).ShouldBeNull("nothing latched before the first packet");
        natted.Send(a.Port, 0, Payload(1));
        await _bob.ReceiveAsync();
        _node.Engine.GetLatchedSource(a.Id).ShouldBe(natted.EndPoint);

        _bob.Send(b.Port, 0, Payload(2));
        (await natted.ReceiveAsync()).Payload.ShouldBe(Payload(2));
        (await _alice.StaysSilentAsync(TimeSpan.FromMilliseconds(100))).ShouldBeTrue("the SDP address no longer gets media");

        // Once latched, another source is an intruder: dropped and counted, not relayed.
        _alice.Send(a.Port, 0, Payload(3));
        (await _bob.StaysSilentAsync(TimeSpan.FromMilliseconds(150))).ShouldBeTrue();
        _node.Counters.Dropped(RtpDropReason.UnexpectedSource).ShouldBe(1);
    }

    [Fact]
    public async Task Garbage_datagrams_are_counted_and_dropped_and_the_call_carries_on()
    {
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);

        _alice.SendRaw(a.Port, [0x80, 0x00, 0x01]);                        // truncated header
        _alice.SendRaw(a.Port, new byte[40]);                               // version 0
        _alice.SendRaw(a.Port, [0x8F, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);   // 15 CSRCs announced, none present
        _alice.SendRaw(a.Port, [0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xFF]); // padding longer than the packet
        _alice.SendRaw(a.Port, new byte[1800]);                             // above the MTU
        _alice.Send(a.Port, 18, Payload(0));                                // G.729: not negotiated
        _alice.Send(a.Port, 0, Payload(7));

        (await _bob.ReceiveAsync()).Payload.ShouldBe(Payload(7));
        _node.Counters.Dropped(RtpDropReason.Malformed).ShouldBe(4);
        _node.Counters.Dropped(RtpDropReason.Oversized).ShouldBe(1);
        _node.Counters.Dropped(RtpDropReason.WrongPayloadType).ShouldBe(1);
        _node.Counters.Forwarded.ShouldBe(1);
    }

    [Fact]
    public async Task Rtcp_from_the_phone_is_accepted_and_rtcp_from_elsewhere_or_garbage_is_counted_and_dropped()
    {
        using var intruder = new RtpPhone(0xBAD);
        var a = await _node.AnswerAsync(_alice);
        // An empty receiver report: V=2, RC=0, PT=201, length 1 word after the header, SSRC.
        byte[] receiverReport = [0x80, 201, 0, 1, 0, 0, 0xA1, 0x1C];

        _alice.SendRaw(a.Port + 1, receiverReport);
        await Poll.UntilAsync(() => _node.Counters.RtcpReceived == 1);
        intruder.SendRaw(a.Port + 1, receiverReport);
        _alice.SendRaw(a.Port + 1, [0x80, 202, 0, 9]);

        await Poll.UntilAsync(() => _node.Counters.Dropped(RtpDropReason.UnexpectedSource) == 1 && _node.Counters.Dropped(RtpDropReason.Malformed) == 1);
        _node.Counters.RtcpReceived.ShouldBe(1);
    }

    [Fact]
    public async Task A_flood_beyond_what_a_phone_sends_is_cut_off_and_counted()
    {
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);

        for (var i = 0; i < 400; i++)
            _alice.Send(a.Port, 0, Payload(i));
        await Poll.UntilAsync(() => _node.Counters.Received + _node.Counters.Dropped(RtpDropReason.Flood) >= 400);

        _node.Counters.Dropped(RtpDropReason.Flood).ShouldBeGreaterThanOrEqualTo(400 - Pbx.MediaNode.Engine.MediaEndpoint.MaxPacketsPerSecond);
        _node.Counters.Received.ShouldBeLessThanOrEqualTo(Pbx.MediaNode.Engine.MediaEndpoint.MaxPacketsPerSecond);
    }

    [Fact]
    public async Task A_leg_that_stops_sending_is_reported_as_timed_out()
    {
        await using var node = new MediaEngineHarness(o => o.MediaTimeout = TimeSpan.FromMilliseconds(300));
        var a = await node.AnswerAsync(_alice);
        _alice.Send(a.Port, 0, Payload(0));

        var timeout = await a.Events.NextAsync<MediaTimedOut>(TimeSpan.FromSeconds(3));

        timeout.EndpointId.ShouldBe(a.Id);
        timeout.Silence.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_full_port_range_refuses_allocation_with_a_clear_reason_and_recovers_after_release()
    {
        await using var node = new MediaEngineHarness(pairs: 2);
        var events = new RecordingObserver();
        var first = await node.Engine.AllocateAsync("c1", events);
        var second = await node.Engine.AllocateAsync("c2", events);

        var third = await node.Engine.AllocateAsync("c3", events);

        first.Succeeded.ShouldBeTrue();
        second.Succeeded.ShouldBeTrue();
        (first.RtpPort % 2).ShouldBe(0);
        third.Error.ShouldBe(MediaAllocationError.PortsExhausted);
        third.Reason.ShouldContain("in use");
        await node.Engine.ReleaseAsync(first.EndpointId);
        var fourth = await node.Engine.AllocateAsync("c4", events);
        fourth.Succeeded.ShouldBeTrue();
        fourth.RtpPort.ShouldBe(first.RtpPort);
    }

    private static byte[] Payload(int seed)
    {
        var payload = new byte[160];
        for (var i = 0; i < payload.Length; i++)
            payload[i] = (byte)(seed * 31 + i);
        return payload;
    }
}
