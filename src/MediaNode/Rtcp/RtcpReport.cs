using System.Buffers.Binary;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Rtcp;

/// <summary>
/// Writes and checks RTCP compound packets (RFC 3550 section 6): a sender report when the leg has sent RTP, a receiver
/// report otherwise, each with one report block about the received stream, followed by the SDES CNAME every compound
/// packet must carry (section 6.1).
/// </summary>
internal static class RtcpReport
{
    public const int SenderReport = 200;
    public const int ReceiverReport = 201;
    public const int SourceDescription = 202;

    /// <summary>Seconds from the NTP epoch (1900) to the Unix epoch (1970).</summary>
    private const long NtpUnixOffset = 2_208_988_800;

    /// <summary>Largest compound packet written: SR with one block (52) + SDES with a CNAME of up to 255 octets.</summary>
    public const int MaxSize = 52 + 8 + 2 + 255 + 4;

    /// <summary>Writes the compound report into <paramref name="buffer"/> and returns its length.</summary>
    /// <param name="buffer">At least <see cref="MaxSize"/> bytes.</param>
    /// <param name="sender">The leg's sending stream.</param>
    /// <param name="receiver">The leg's receive statistics.</param>
    /// <param name="now">Wall-clock time for the NTP timestamp.</param>
    /// <param name="lastSenderReport">Middle 32 bits of the NTP time of the last SR received, 0 if none (section 6.4.1 LSR).</param>
    /// <param name="sinceLastSenderReport">Delay since that SR arrived, in 1/65536 s (DLSR).</param>
    /// <param name="cname">The canonical name, ASCII.</param>
    public static int Write(Span<byte> buffer, RtpSendStream sender, RtpReceiveStatistics receiver, DateTimeOffset now,
        uint lastSenderReport, uint sinceLastSenderReport, ReadOnlySpan<byte> cname)
    {
        var blocks = receiver.HasData ? 1 : 0;
        var offset = 0;
        if (sender.Started)
        {
            var length = 28 + 24 * blocks;
            WriteHeader(buffer, blocks, SenderReport, length);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], sender.Ssrc);
            var ntp = ToNtp(now);
            BinaryPrimitives.WriteUInt64BigEndian(buffer[8..], ntp);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[16..], sender.LastTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[20..], sender.PacketCount);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[24..], sender.OctetCount);
            offset = 28;
        }
        else
        {
            WriteHeader(buffer, blocks, ReceiverReport, 8 + 24 * blocks);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], sender.Ssrc);
            offset = 8;
        }
        if (blocks == 1)
        {
            var block = buffer[offset..];
            BinaryPrimitives.WriteUInt32BigEndian(block, receiver.Ssrc);
            var lost = receiver.CumulativeLost;
            BinaryPrimitives.WriteUInt32BigEndian(block[4..], ((uint)receiver.TakeFractionLost() << 24) | ((uint)lost & 0xFFFFFF));
            BinaryPrimitives.WriteUInt32BigEndian(block[8..], receiver.ExtendedMaxSequence);
            BinaryPrimitives.WriteUInt32BigEndian(block[12..], receiver.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(block[16..], lastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(block[20..], sinceLastSenderReport);
            offset += 24;
        }

        // SDES with one chunk: SSRC, CNAME item, a terminating zero, padded to a 32-bit boundary (section 6.5).
        var sdes = buffer[offset..];
        var nameLength = Math.Min(cname.Length, 255);
        var chunk = 4 + 2 + nameLength + 1;
        var padded = (chunk + 3) & ~3;
        WriteHeader(sdes, 1, SourceDescription, 4 + padded);
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], sender.Ssrc);
        sdes[8] = 1;
        sdes[9] = (byte)nameLength;
        cname[..nameLength].CopyTo(sdes[10..]);
        sdes[(10 + nameLength)..(4 + padded)].Clear();
        return offset + 4 + padded;
    }

    /// <summary>
    /// Validity check of appendix A.2: version 2, the first packet an SR or RR without padding, and the lengths of the
    /// packets adding up to the datagram. Returns the middle 32 bits of the NTP timestamp when the first packet is an SR.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> packet, out uint senderReportNtpMiddle)
    {
        senderReportNtpMiddle = 0;
        if (packet.Length < 8 || (packet[0] & 0xE0) != 0x80 || packet[1] is not (SenderReport or ReceiverReport))
            return false;
        if (packet[1] == SenderReport && packet.Length >= 16)
            senderReportNtpMiddle = BinaryPrimitives.ReadUInt32BigEndian(packet[10..]);
        var offset = 0;
        while (offset < packet.Length)
        {
            if (packet.Length - offset < 4 || packet[offset] >> 6 != 2)
                return false;
            offset += 4 * (BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) + 1);
        }
        return offset == packet.Length;
    }

    /// <summary>The 64-bit NTP timestamp of <paramref name="time"/> (section 4): seconds since 1900, 32-bit fraction.</summary>
    public static ulong ToNtp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond) + NtpUnixOffset;
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    private static void WriteHeader(Span<byte> buffer, int count, int packetType, int totalLength)
    {
        buffer[0] = (byte)(0x80 | count);
        buffer[1] = (byte)packetType;
        // Length in 32-bit words minus one (section 6.4.1).
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(totalLength / 4 - 1));
    }
}
