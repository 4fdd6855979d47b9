using System.Buffers.Binary;

namespace Pbx.MediaNode.Dtmf;

/// <summary>
/// One RFC 4733 section 2.3 event block: event code (8 bits), E (end) bit, R bit, volume (6 bits, -dBm0),
/// duration (16 bits, in RTP timestamp units since the event's start).
/// </summary>
/// <param name="Event">Event code; 0-15 are the DTMF keys (see <see cref="DtmfDigits"/>).</param>
/// <param name="End">Set on the last packets of the event.</param>
/// <param name="Volume">Power level of the tone as a positive number of -dBm0 (0..63).</param>
/// <param name="Duration">Time since the event began, in timestamp units.</param>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Bytes in one event block.</summary>
    public const int Size = 4;

    /// <summary>Parses the first block of <paramref name="payload"/>; false if it is shorter than 4 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        if (payload.Length < Size)
        {
            value = default;
            return false;
        }
        // Byte 1: E bit, then the reserved R bit (ignored by receivers, section 2.3), then 6 bits of volume.
        value = new TelephoneEvent(
            payload[0],
            (payload[1] & 0x80) != 0,
            (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the block into the first 4 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"A telephone-event block needs {Size} bytes, got {destination.Length}.", nameof(destination));
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
    }
}
