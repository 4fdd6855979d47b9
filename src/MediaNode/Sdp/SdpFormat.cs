namespace Pbx.MediaNode.Sdp;

/// <summary>One payload format of an m= line: its payload type, a=rtpmap encoding and a=fmtp parameters (RFC 4566 section 6).</summary>
/// <param name="PayloadType">RTP payload type number.</param>
/// <param name="Encoding">Encoding name (PCMU, PCMA, telephone-event); for static types without a=rtpmap, the RFC 3551 name.</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Parameters">a=fmtp value, or null.</param>
public sealed record SdpFormat(int PayloadType, string Encoding, int ClockRate, string? Parameters = null)
{
    /// <summary>G.711 mu-law, static payload type 0 (RFC 3551 section 6).</summary>
    public static readonly SdpFormat Pcmu = new(0, "PCMU", 8000);

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551 section 6).</summary>
    public static readonly SdpFormat Pcma = new(8, "PCMA", 8000);

    /// <summary>
    /// G.722, static payload type 9. Sampled at 16 kHz, but its RTP clock and SDP rate are 8000 (RFC 3551 section 4.5.2,
    /// an error of the original RFC 1890 kept for compatibility), so timestamps advance as for G.711.
    /// </summary>
    public static readonly SdpFormat G722 = new(9, "G722", 8000);

    /// <summary>RFC 4733 named telephone events on the conventional dynamic type 101, digits and flash (events 0-16).</summary>
    public static readonly SdpFormat TelephoneEvent = new(101, "telephone-event", 8000, "0-16");

    /// <summary>True for the encodings this node sends and receives as audio.</summary>
    public bool IsG711 => ClockRate == 8000 && (IsNamed("PCMU") || IsNamed("PCMA"));

    /// <summary>True for G.722 (at its nominal 8000 RTP clock).</summary>
    public bool IsG722 => ClockRate == 8000 && IsNamed("G722");

    /// <summary>True for every audio codec the node handles: G.711 and G.722.</summary>
    public bool IsAudio => IsG711 || IsG722;

    /// <summary>True for RFC 4733 telephone-event at 8 kHz.</summary>
    public bool IsTelephoneEvent => ClockRate == 8000 && IsNamed("telephone-event");

    /// <summary>True when <paramref name="other"/> is the same encoding and rate, whatever its payload type number.</summary>
    public bool SameCodec(SdpFormat other) => ClockRate == other.ClockRate && IsNamed(other.Encoding);

    // RFC 4566 section 6: encoding names are case-insensitive.
    private bool IsNamed(string name) => string.Equals(Encoding, name, StringComparison.OrdinalIgnoreCase);
}
