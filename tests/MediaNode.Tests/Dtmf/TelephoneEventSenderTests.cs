using Pbx.MediaNode.Dtmf;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Dtmf;

public sealed class TelephoneEventSenderTests
{
    [Fact]
    public void A_200ms_key_is_a_marked_start_updates_every_50ms_and_three_ends()
    {
        var packets = new TelephoneEventPacket[TelephoneEventSender.PacketCount(TimeSpan.FromMilliseconds(200))];
        int count = TelephoneEventSender.Build('5', TimeSpan.FromMilliseconds(200), 160_000, packets);

        count.ShouldBe(6);
        var payload = new byte[4];
        var parsed = packets.Select(p =>
        {
            p.Event.Write(payload);
            TelephoneEvent.TryRead(payload, out var e).ShouldBeTrue();
            return (p.SendOffset.TotalMilliseconds, p.Marker, p.Timestamp, e.Event, e.End, e.Duration);
        }).ToArray();
        parsed.ShouldBe(new[]
        {
            (50.0, true, 160_000u, (byte)5, false, (ushort)400),
            (100.0, false, 160_000u, (byte)5, false, (ushort)800),
            (150.0, false, 160_000u, (byte)5, false, (ushort)1200),
            (200.0, false, 160_000u, (byte)5, true, (ushort)1600),
            (220.0, false, 160_000u, (byte)5, true, (ushort)1600),
            (240.0, false, 160_000u, (byte)5, true, (ushort)1600),
        });
    }

    [Fact]
    public void A_key_shorter_than_one_update_marks_its_first_end_packet()
    {
        var packets = new TelephoneEventPacket[3];
        TelephoneEventSender.Build('1', TimeSpan.FromMilliseconds(40), 0, packets).ShouldBe(3);

        packets.Select(p => p.Marker).ShouldBe([true, false, false]);
        packets.ShouldAllBe(p => p.Event.End && p.Event.Duration == 320);
    }

    [Fact]
    public void A_press_longer_than_the_16_bit_duration_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() =>
            TelephoneEventSender.Build('1', TimeSpan.FromSeconds(9), 0, new TelephoneEventPacket[200]));
}
