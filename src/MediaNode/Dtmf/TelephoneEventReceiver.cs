namespace Pbx.MediaNode.Dtmf;

/// <summary>
/// Turns the telephone-event packets of one RTP stream into keys, each reported once. RFC 4733 section 2.5.2:
/// all packets of an event carry the event's start as RTP timestamp, so the timestamp is the event's identity.
/// A key is reported on the first packet seen for a new timestamp, whatever it is (start with marker, update or
/// end), so a lost start packet only delays it; updates and the three retransmitted end packets repeat a known
/// timestamp and are dropped. A packet older than the newest event (reordered, or an RFC 2198 redundant
/// block of an event already seen) is dropped too, so keys are never reported out of order.
/// </summary>
public sealed class TelephoneEventReceiver
{
    private readonly Action<char> _onDigit;
    private bool _seenAny;
    private uint _newest;

    /// <param name="onDigit">Called once per key, on the thread that calls <see cref="Accept"/>.</param>
    public TelephoneEventReceiver(Action<char> onDigit)
    {
        ArgumentNullException.ThrowIfNull(onDigit);
        _onDigit = onDigit;
    }

    /// <summary>
    /// Feeds the payload of one telephone-event packet, or one RFC 2198 block with the timestamp its offset gives
    /// (feed redundant blocks oldest first). Malformed payloads (under 4 bytes) are ignored.
    /// </summary>
    public void Accept(uint timestamp, ReadOnlySpan<byte> payload)
    {
        uint start = timestamp;
        while (TelephoneEvent.TryRead(payload, out var block))
        {
            // Packed events (RFC 4733 section 2.5.1.5) follow one another: each starts where the previous ended.
            if (!_seenAny || (int)(start - _newest) > 0)
            {
                _seenAny = true;
                _newest = start;
                if (DtmfDigits.TryFromEvent(block.Event, out char digit))
                    _onDigit(digit);
            }
            start += block.Duration;
            payload = payload[TelephoneEvent.Size..];
        }
    }

    /// <summary>Forgets the stream's history, for a new SSRC (the timestamps of a new source are unrelated).</summary>
    public void Reset() => _seenAny = false;
}
