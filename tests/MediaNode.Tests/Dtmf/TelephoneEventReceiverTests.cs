using System.Text;
using Pbx.MediaNode.Dtmf;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Dtmf;

public sealed class TelephoneEventReceiverTests
{
    private readonly StringBuilder _digits = new();
    private readonly TelephoneEventReceiver _receiver;

    public TelephoneEventReceiverTests() => _receiver = new TelephoneEventReceiver(d => _digits.Append(d));

    [Fact]
    public void One_key_with_updates_and_three_end_packets_is_reported_once()
    {
        Send(1000, '4', false, 400);
        Send(1000, '4', false, 800);
        Send(1000, '4', true, 1040);
        Send(1000, '4', true, 1040);
        Send(1000, '4', true, 1040);

        _digits.ToString().ShouldBe("4");
    }

    [Fact]
    public void A_lost_start_packet_still_gives_the_key_from_the_first_update()
    {
        Send(1000, '8', false, 800);
        Send(1000, '8', true, 960);

        _digits.ToString().ShouldBe("8");
    }

    [Fact]
    public void A_key_seen_only_through_its_end_packets_is_reported()
    {
        Send(5000, '0', true, 480);
        Send(5000, '0', true, 480);

        _digits.ToString().ShouldBe("0");
    }

    [Fact]
    public void The_same_key_pressed_twice_has_two_timestamps_and_is_reported_twice()
    {
        Send(1000, '2', false, 400);
        Send(1000, '2', true, 800);
        Send(3000, '2', false, 400);
        Send(3000, '2', true, 800);

        _digits.ToString().ShouldBe("22");
    }

    [Fact]
    public void A_late_retransmission_of_an_earlier_key_is_not_reported_again()
    {
        Send(1000, '1', true, 800);
        Send(3000, '2', false, 400);
        Send(1000, '1', true, 800);
        Send(3000, '2', true, 800);

        _digits.ToString().ShouldBe("12");
    }

    [Fact]
    public void Redundant_blocks_report_a_key_whose_own_packets_were_lost()
    {
        // RFC 2198 packet: redundant block for the event at 1000 (all its packets lost), then the primary at 3000.
        Send(1000, '6', true, 800);
        Send(3000, '9', false, 400);
        // The next packet repeats both again.
        Send(1000, '6', true, 800);
        Send(3000, '9', true, 800);

        _digits.ToString().ShouldBe("69");
    }

    [Fact]
    public void Timestamps_that_wrap_around_32_bits_still_order_events()
    {
        Send(uint.MaxValue - 100, '3', true, 800);
        Send(700, '4', true, 800);

        _digits.ToString().ShouldBe("34");
    }

    [Fact]
    public void Packed_events_in_one_packet_are_each_reported()
    {
        // RFC 4733 section 2.5.1.5: ended events packed back to back, the timestamp is the first one's start.
        var payload = new byte[8];
        new TelephoneEvent(1, true, 10, 800).Write(payload);
        new TelephoneEvent(2, true, 10, 800).Write(payload.AsSpan(4));

        _receiver.Accept(1000, payload);
        _receiver.Accept(1000, payload);

        _digits.ToString().ShouldBe("12");
    }

    [Fact]
    public void Non_DTMF_events_are_not_keys()
    {
        var payload = new byte[4];
        new TelephoneEvent(16, true, 10, 800).Write(payload);

        _receiver.Accept(1000, payload);

        _digits.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Packets_from_the_sender_give_the_key_exactly_once()
    {
        var packets = new TelephoneEventPacket[TelephoneEventSender.PacketCount(TimeSpan.FromMilliseconds(180))];
        TelephoneEventSender.Build('#', TimeSpan.FromMilliseconds(180), 44_000, packets);
        var payload = new byte[4];
        foreach (var packet in packets)
        {
            packet.Event.Write(payload);
            _receiver.Accept(packet.Timestamp, payload);
        }

        _digits.ToString().ShouldBe("#");
    }

    [Fact]
    public void Accepting_a_packet_allocates_nothing()
    {
        int keys = 0;
        var receiver = new TelephoneEventReceiver(_ => keys++);
        var payload = new byte[4];
        new TelephoneEvent(1, false, 10, 400).Write(payload);
        receiver.Accept(0, payload);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (uint ts = 1; ts < 1000; ts++)
            receiver.Accept(ts * 1000, payload);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        keys.ShouldBe(1000);
    }

    private void Send(uint timestamp, char key, bool end, ushort duration)
    {
        var payload = new byte[4];
        new TelephoneEvent(DtmfDigits.ToEvent(key), end, 10, duration).Write(payload);
        _receiver.Accept(timestamp, payload);
    }
}
