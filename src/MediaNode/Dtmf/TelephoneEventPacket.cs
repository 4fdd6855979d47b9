namespace Pbx.MediaNode.Dtmf;

/// <summary>One RTP packet of a telephone event, as <see cref="TelephoneEventSender"/> plans it; the RTP side adds sequence numbers.</summary>
/// <param name="SendOffset">When to send it, counted from the start of the key press.</param>
/// <param name="Marker">RTP marker bit: set on the first packet of the event (RFC 4733 section 2.5.1.2).</param>
/// <param name="Timestamp">RTP timestamp: the event's start, the same in every packet of the event.</param>
/// <param name="Event">The 4-byte payload.</param>
public readonly record struct TelephoneEventPacket(TimeSpan SendOffset, bool Marker, uint Timestamp, TelephoneEvent Event);
