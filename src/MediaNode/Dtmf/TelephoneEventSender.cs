namespace Pbx.MediaNode.Dtmf;

/// <summary>
/// Plans the packets that send one key as an RFC 4733 event (section 2.5.1): the first carries the marker bit,
/// one update follows every update interval (<see cref="UpdateInterval"/> unless given) with the duration so far, and the final duration goes
/// out in three packets with the E bit, all with the event's start as timestamp. Sending the end three times
/// is what lets a receiver learn the length of the key press even when one or two of them are lost.
/// </summary>
public static class TelephoneEventSender
{
    /// <summary>Default spacing of the packets during the event (RFC 4733 section 2.5.1.2 example: 50 ms).</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Spacing of the retransmitted end packets: one audio packet time.</summary>
    public static readonly TimeSpan EndSpacing = TimeSpan.FromMilliseconds(20);

    /// <summary>End packets per event (RFC 4733 section 2.5.1.4).</summary>
    public const int EndPackets = 3;

    /// <summary>Packets <see cref="Build"/> produces for a key press of <paramref name="duration"/>.</summary>
    /// <param name="duration">How long the key is held.</param>
    /// <param name="updateInterval">Spacing of the packets during the event; null for <see cref="UpdateInterval"/>.</param>
    public static int PacketCount(TimeSpan duration, TimeSpan? updateInterval = null) =>
        Updates(duration, updateInterval ?? UpdateInterval) + EndPackets;

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
    /// <param name="updateInterval">
    /// Spacing of the packets during the event; null for <see cref="UpdateInterval"/>. A sender on a media clock uses its
    /// audio packet time, as section 2.5.1.2 suggests, so every update leaves on a tick.
    /// </param>
    public static int Build(char digit, TimeSpan duration, uint startTimestamp, Span<TelephoneEventPacket> packets, byte volume = 10,
        int clockRate = 8000, TimeSpan? updateInterval = null)
    {
        var interval = updateInterval ?? UpdateInterval;
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(updateInterval), interval, "The update interval must be positive.");
        byte code = DtmfDigits.ToEvent(digit);
        long total = ToUnits(duration, clockRate);
        if (duration <= TimeSpan.Zero || total > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"A key press lasts more than 0 and at most {ushort.MaxValue} timestamp units at {clockRate} Hz.");
        if (volume > 63)
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "Volume is 0..63 (-dBm0).");
        int count = PacketCount(duration, interval);
        if (packets.Length < count)
            throw new ArgumentException($"{count} packets needed, room for {packets.Length}.", nameof(packets));

        int updates = Updates(duration, interval);
        for (int i = 0; i < updates; i++)
        {
            var at = interval * (i + 1);
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

    // Updates go out at one, two, ... intervals while the key is still down; a press shorter than one interval is
    // announced by its end packets alone, the first of which then carries the marker.
    private static int Updates(TimeSpan duration, TimeSpan interval) => (int)((duration.Ticks - 1) / interval.Ticks);

    private static long ToUnits(TimeSpan time, int clockRate) => time.Ticks * clockRate / TimeSpan.TicksPerSecond;
}
