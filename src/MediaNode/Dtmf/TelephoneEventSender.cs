namespace Pbx.MediaNode.Dtmf;

/// <summary>
/// Plans the packets that send one key as an RFC 4733 event (section 2.5.1): the first carries the marker bit,
/// one update follows every <see cref="UpdateInterval"/> with the duration so far, and the final duration goes
/// out in three packets with the E bit, all with the event's start as timestamp. Sending the end three times
/// is what lets a receiver learn the length of the key press even when one or two of them are lost.
/// </summary>
public static class TelephoneEventSender
{
    /// <summary>Spacing of the packets during the event (RFC 4733 section 2.5.1.2 example: 50 ms).</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Spacing of the retransmitted end packets: one audio packet time.</summary>
    public static readonly TimeSpan EndSpacing = TimeSpan.FromMilliseconds(20);

    /// <summary>End packets per event (RFC 4733 section 2.5.1.4).</summary>
    public const int EndPackets = 3;

    /// <summary>Packets <see cref="Build"/> produces for a key press of <paramref name="duration"/>.</summary>
    public static int PacketCount(TimeSpan duration) => Updates(duration) + EndPackets;

    /// <summary>
    /// Writes the packets of one key press into <paramref name="packets"/> (at least <see cref="PacketCount"/> long)
    /// and returns how many it wrote.
    /// </summary>
    /// <param name="digit">The key, 0-9 * # A-D.</param>
    /// <param name="duration">How long the key is held; at most 65535 timestamp units (8.19 s at 8 kHz).</param>
    /// <param name="startTimestamp">RTP timestamp at which the key press starts.</param>
    /// <param name="packets">Receives the packets in sending order.</param>
    /// <param name="volume">Tone power in -dBm0 (0..63); 10 is a typical handset level.</param>
    /// <param name="clockRate">RTP clock rate of the telephone-event payload.</param>
    public static int Build(char digit, TimeSpan duration, uint startTimestamp, Span<TelephoneEventPacket> packets, byte volume = 10, int clockRate = 8000)
    {
        byte code = DtmfDigits.ToEvent(digit);
        long total = ToUnits(duration, clockRate);
        if (duration <= TimeSpan.Zero || total > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"A key press lasts more than 0 and at most {ushort.MaxValue} timestamp units at {clockRate} Hz.");
        if (volume > 63)
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "Volume is 0..63 (-dBm0).");
        int count = PacketCount(duration);
        if (packets.Length < count)
            throw new ArgumentException($"{count} packets needed, room for {packets.Length}.", nameof(packets));

        int updates = Updates(duration);
        for (int i = 0; i < updates; i++)
        {
            var at = UpdateInterval * (i + 1);
            packets[i] = new TelephoneEventPacket(at, i == 0, startTimestamp,
                new TelephoneEvent(code, false, volume, (ushort)ToUnits(at, clockRate)));
        }
        for (int i = 0; i < EndPackets; i++)
        {
            packets[updates + i] = new TelephoneEventPacket(duration + EndSpacing * i, updates == 0 && i == 0, startTimestamp,
                new TelephoneEvent(code, true, volume, (ushort)total));
        }
        return count;
    }

    // Updates go out at 50, 100, ... ms while the key is still down; a press shorter than one interval is
    // announced by its end packets alone, the first of which then carries the marker.
    private static int Updates(TimeSpan duration) => (int)((duration.Ticks - 1) / UpdateInterval.Ticks);

    private static long ToUnits(TimeSpan time, int clockRate) => time.Ticks * clockRate / TimeSpan.TicksPerSecond;
}
