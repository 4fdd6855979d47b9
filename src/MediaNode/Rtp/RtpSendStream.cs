namespace Pbx.MediaNode.Rtp;

/// <summary>
/// The one RTP stream a leg sends, whatever feeds it: relayed packets from the bridged leg, a prompt, a tone, a conference mix.
/// SSRC stays fixed and sequence and timestamp continue across a change of source, so the far end's jitter buffer never sees
/// a new stream or a jump (RFC 3550 section 5.1: sequence increments by one per packet, timestamp follows the sampling clock).
/// </summary>
/// <remarks>
/// Single writer at a time, without a lock: the bridged leg's receive loop while relaying, the media clock while audio is
/// generated. The control path switches the feeder by setting who is allowed to send, never both at once.
/// </remarks>
internal sealed class RtpSendStream(uint ssrc, TimeProvider time)
{
    /// <summary>Timestamp advance for one 20 ms G.711 frame at 8 kHz.</summary>
    public const int FrameSamples = 160;

    private object? _source;
    private uint _sourceSsrc;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private bool _started;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private long _lastSentAt;

    public uint Ssrc { get; } = ssrc;

    /// <summary>Packets sent, for the RTCP sender report (RFC 3550 section 6.4.1).</summary>
    public uint PacketCount { get; private set; }

    /// <summary>Payload octets sent, for the RTCP sender report.</summary>
    public uint OctetCount { get; private set; }

    /// <summary>
    /// RTP clock at the last packet sent, for the RTCP sender report: its timestamp, except after an RFC 4733 event packet,
    /// whose timestamp stays at the event's start while the clock moves on.
    /// </summary>
    public uint LastTimestamp => _lastTimestamp;

    /// <summary>When the last packet was sent (<see cref="TimeProvider.GetTimestamp"/> units).</summary>
    public long LastSentAt => _lastSentAt;

    /// <summary>True once a packet was sent.</summary>
    public bool Started => _started;

    /// <summary>Rewrites a relayed packet's header in place so it continues this stream.</summary>
    /// <param name="packet">The packet, header first.</param>
    /// <param name="payloadType">Payload type the receiving leg negotiated for this content.</param>
    /// <param name="source">Identity of the leg the packet came from: a new one rebases the numbering.</param>
    /// <param name="payloadLength">Payload size, for the octet count.</param>
    public void Relay(Span<byte> packet, int payloadType, object source, int payloadLength)
    {
        var sequence = RtpPacket.Sequence(packet);
        var timestamp = RtpPacket.Timestamp(packet);
        var sourceSsrc = RtpPacket.Ssrc(packet);
        var marker = RtpPacket.Marker(packet);
        if (!ReferenceEquals(source, _source) || sourceSsrc != _sourceSsrc)
        {
            Rebase(sequence, timestamp);
            _source = source;
            _sourceSsrc = sourceSsrc;
            // Section 5.1: the marker flags the start of a talkspurt, letting the receiver resynchronise its playout.
            marker = true;
        }
        var outSequence = (ushort)(sequence + _sequenceOffset);
        var outTimestamp = timestamp + _timestampOffset;
        RtpPacket.Rewrite(packet, payloadType, marker, outSequence, outTimestamp, Ssrc);
        // Appendix A.1: a reordered (older) packet is forwarded but does not move the stream's high-water mark.
        if (!_started || (short)(outSequence - _lastSequence) > 0)
        {
            _lastSequence = outSequence;
            _lastTimestamp = outTimestamp;
        }
        Sent(payloadLength);
    }

    /// <summary>Writes the header of the next generated frame of <paramref name="samples"/> samples.</summary>
    /// <param name="packet">Where the 12-byte header goes.</param>
    /// <param name="payloadType">Payload type of the generated audio.</param>
    /// <param name="source">Identity of the generator (player, conference): a new one rebases the numbering.</param>
    /// <param name="samples">Samples in this frame.</param>
    /// <param name="payloadLength">Payload size, for the octet count.</param>
    public void Generate(Span<byte> packet, int payloadType, object source, int samples, int payloadLength)
    {
        var (sequence, clock, newSource) = Advance(source, samples);
        RtpPacket.WriteHeader(packet, payloadType, newSource, sequence, clock, Ssrc);
        Sent(payloadLength);
    }

    /// <summary>
    /// Writes the header of a generated RFC 4733 event packet. Every packet of an event carries the event's start as its
    /// timestamp (RFC 4733 section 2.5.1.2) while the stream's clock runs on, so the audio after the event continues from
    /// where the clock is rather than overlapping the event.
    /// </summary>
    /// <param name="packet">Where the 12-byte header goes.</param>
    /// <param name="payloadType">The negotiated telephone-event payload type.</param>
    /// <param name="source">Identity of the sender: a new one rebases the numbering.</param>
    /// <param name="marker">Set on the first packet of an event (section 2.5.1.2).</param>
    /// <param name="advance">Timestamp units since this source's previous packet.</param>
    /// <param name="sinceEventStart">Timestamp units between the event's start and this packet.</param>
    /// <param name="payloadLength">Payload size, for the octet count.</param>
    public void GenerateEvent(Span<byte> packet, int payloadType, object source, bool marker, int advance, int sinceEventStart, int payloadLength)
    {
        // Taking over the stream, the clock moves on at least past the previous packet's frame plus the time since the
        // event began, so the event's start never falls inside audio already sent, however soon after it this packet goes.
        var (sequence, clock, _) = Advance(source, advance, newSourceMinimum: FrameSamples + sinceEventStart);
        RtpPacket.WriteHeader(packet, payloadType, marker, sequence, clock - (uint)sinceEventStart, Ssrc);
        Sent(payloadLength);
    }

    /// <summary>
    /// Moves the stream on by one packet of generated content; the stream clock by <paramref name="samples"/>, or for a new
    /// source by the real time since the last packet and at least <paramref name="newSourceMinimum"/>.
    /// </summary>
    private (ushort Sequence, uint Clock, bool NewSource) Advance(object source, int samples, int newSourceMinimum = FrameSamples)
    {
        ushort sequence;
        uint clock;
        var newSource = !ReferenceEquals(source, _source);
        if (newSource)
        {
            (sequence, clock) = Next(newSourceMinimum);
            _source = source;
            _sourceSsrc = 0;
        }
        else
        {
            sequence = (ushort)(_lastSequence + 1);
            clock = _lastTimestamp + (uint)samples;
        }
        _lastSequence = sequence;
        _lastTimestamp = clock;
        return (sequence, clock, newSource);
    }

    private void Rebase(ushort sequence, uint timestamp)
    {
        var (nextSequence, nextTimestamp) = Next(FrameSamples);
        _sequenceOffset = (ushort)(nextSequence - sequence);
        _timestampOffset = nextTimestamp - timestamp;
    }

    private (ushort Sequence, uint Timestamp) Next(int minimumSamples)
    {
        if (!_started)
        {
            // Section 5.1: initial sequence number and timestamp should be random.
            return ((ushort)Random.Shared.Next(0, 0x8000), (uint)Random.Shared.Next());
        }
        // The timestamp advances by the real time since the last packet (section 5.1: it reflects the sampling instant),
        // but at least the minimum (one frame), so the new source's first packet never overlaps the previous one at the receiver.
        var elapsed = time.GetElapsedTime(_lastSentAt);
        var samples = Math.Max(minimumSamples, (long)(elapsed.TotalSeconds * 8000));
        return ((ushort)(_lastSequence + 1), _lastTimestamp + (uint)samples);
    }

    private void Sent(int payloadLength)
    {
        _started = true;
        _lastSentAt = time.GetTimestamp();
        PacketCount++;
        OctetCount += (uint)payloadLength;
    }
}
