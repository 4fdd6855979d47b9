using System.Buffers.Binary;
using Pbx.MediaNode.Rtcp;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Tests.Rtp;

public sealed class RtcpReportTests
{
    [Fact]
    public void A_sender_report_carries_counts_and_a_report_block_with_loss_and_jitter_and_passes_validation()
    {
        var sender = new RtpSendStream(0x1234, TimeProvider.System);
        var header = new byte[12 + 160];
        for (var i = 0; i < 10; i++)
            sender.Generate(header, 0, this, 160, 160);
        var received = new RtpReceiveStatistics();
        // 20 packets expected (seq 101-120), 5 lost; arrival drifts 40 samples against the timestamps on every other packet.
        for (ushort seq = 101; seq <= 120; seq++)
        {
            if (seq % 4 == 3)
                continue;
            received.Record(0xBEEF, seq, (uint)(seq * 160), seq * 160 + (seq % 2) * 40);
        }
        var buffer = new byte[RtcpReport.MaxSize];

        var length = RtcpReport.Write(buffer, sender, received, DateTimeOffset.UtcNow, 0, 0, "pbx@10.0.0.5"u8);

        var packet = buffer.AsSpan(0, length);
        RtcpReport.TryValidate(packet, out var ntpMiddle).ShouldBeTrue();
        ntpMiddle.ShouldNotBe(0u);
        packet[1].ShouldBe((byte)RtcpReport.SenderReport);
        (packet[0] & 0x1F).ShouldBe(1, "one report block");
        BinaryPrimitives.ReadUInt32BigEndian(packet[20..]).ShouldBe(10u, "sender's packet count");
        BinaryPrimitives.ReadUInt32BigEndian(packet[24..]).ShouldBe(1600u, "sender's octet count");
        var block = packet[28..];
        BinaryPrimitives.ReadUInt32BigEndian(block).ShouldBe(0xBEEFu);
        block[4].ShouldBe((byte)(5 * 256 / 20), "fraction lost 5/20 in 1/256");
        (BinaryPrimitives.ReadUInt32BigEndian(block[4..]) & 0xFFFFFF).ShouldBe(5u, "cumulative lost");
        BinaryPrimitives.ReadUInt32BigEndian(block[8..]).ShouldBe(120u, "extended highest sequence");
        BinaryPrimitives.ReadUInt32BigEndian(block[12..]).ShouldBeGreaterThan(0u, "jitter");
        packet[52 + 1].ShouldBe((byte)RtcpReport.SourceDescription);
        (length % 4).ShouldBe(0);
    }

    [Fact]
    public void A_leg_that_has_not_sent_reports_with_a_receiver_report()
    {
        var buffer = new byte[RtcpReport.MaxSize];

        var length = RtcpReport.Write(buffer, new RtpSendStream(1, TimeProvider.System), new RtpReceiveStatistics(), DateTimeOffset.UtcNow, 0, 0, "x"u8);

        buffer[1].ShouldBe((byte)RtcpReport.ReceiverReport);
        RtcpReport.TryValidate(buffer.AsSpan(0, length), out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 200, 0, 1 })]                          // shorter than one header
    [InlineData(new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 1 })]              // version 1
    [InlineData(new byte[] { 0x80, 202, 0, 1, 0, 0, 0, 1 })]              // compound must start with SR or RR
    [InlineData(new byte[] { 0x80, 201, 0, 5, 0, 0, 0, 1 })]              // length beyond the datagram
    public void Invalid_rtcp_is_refused(byte[] packet)
    {
        RtcpReport.TryValidate(packet, out _).ShouldBeFalse();
    }

    [Fact]
    public void Sequence_numbers_wrapping_past_65535_count_a_cycle_not_a_loss()
    {
        var stats = new RtpReceiveStatistics();
        ushort seq = 65530;
        for (var i = 0; i < 12; i++, seq++)
            stats.Record(7, seq, 0, 0);

        stats.ExtendedMaxSequence.ShouldBe(65536u + 5);
        stats.CumulativeLost.ShouldBe(0);
    }
}
