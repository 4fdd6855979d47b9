using System.Buffers.Binary;

namespace Pbx.MediaNode.Rtp;

/// <summary>
/// Reads and writes the fixed RTP header (RFC 3550 section 5.1) in place over a span; nothing is copied or allocated.
/// </summary>
internal static class RtpPacket
{
    /// <summary>Size of the fixed header without CSRCs.</summary>
    public const int HeaderSize = 12;

    /// <summary>
    /// Checks a received datagram the way RFC 3550 appendix A.1 suggests (version 2, CSRC list, extension and padding
    /// lengths within the datagram) and returns where the payload lies; false for anything else.
    /// </summary>
    public static bool TryGetPayload(ReadOnlySpan<byte> packet, out int payloadOffset, out int payloadLength)
    {
        payloadOffset = 0;
        payloadLength = 0;
        if (packet.Length < HeaderSize || packet[0] >> 6 != 2)
            return false;
        var offset = HeaderSize + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0)
        {
            // Section 5.3.1: a 4-byte extension header whose length counts 32-bit words after it.
            if (packet.Length < offset + 4)
                return false;
            offset += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
        }
        var end = packet.Length;
        if ((packet[0] & 0x20) != 0)
        {
            // Section 5.1: the last octet counts the padding octets, itself included.
            var padding = packet[^1];
            if (padding == 0)
                return false;
            end -= padding;
        }
        if (offset > end)
            return false;
        payloadOffset = offset;
        payloadLength = end - offset;
        return true;
    }

    /// <summary>True when the first byte says RTCP rather than RTP: payload types 64-95 collide with RTCP 192-223 (RFC 5761 section 4).</summary>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> packet) => packet.Length >= 2 && (packet[1] & 0x7F) is >= 64 and < 96;

    public static int PayloadType(ReadOnlySpan<byte> packet) => packet[1] & 0x7F;

    public static bool Marker(ReadOnlySpan<byte> packet) => (packet[1] & 0x80) != 0;

    public static ushort Sequence(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);

    public static uint Timestamp(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    public static uint Ssrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);

    /// <summary>Rewrites payload type, marker, sequence, timestamp and SSRC of a header in place.</summary>
    public static void Rewrite(Span<byte> packet, int payloadType, bool marker, ushort sequence, uint timestamp, uint ssrc)
    {
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
    }

    /// <summary>Writes a fresh 12-byte header (version 2, no padding, extension or CSRC).</summary>
    public static void WriteHeader(Span<byte> packet, int payloadType, bool marker, ushort sequence, uint timestamp, uint ssrc)
    {
        packet[0] = 0x80;
        Rewrite(packet, payloadType, marker, sequence, timestamp, ssrc);
    }
}
