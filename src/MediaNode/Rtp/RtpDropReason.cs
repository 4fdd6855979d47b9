namespace Pbx.MediaNode.Rtp;

/// <summary>Why a received datagram was discarded; each reason has its own counter.</summary>
public enum RtpDropReason
{
    /// <summary>Not a valid RTP/RTCP packet: too short, wrong version, inconsistent CSRC, extension or padding lengths.</summary>
    Malformed,

    /// <summary>Larger than any RTP packet the node accepts (a datagram above the Ethernet MTU).</summary>
    Oversized,

    /// <summary>From an address other than the one the endpoint latched onto.</summary>
    UnexpectedSource,

    /// <summary>A payload type that was not negotiated for the endpoint.</summary>
    WrongPayloadType,

    /// <summary>Above the per-endpoint packet rate a phone can legitimately send.</summary>
    Flood,

    /// <summary>The endpoint's direction says it does not receive (on hold, inactive).</summary>
    NotReceiving,
}
