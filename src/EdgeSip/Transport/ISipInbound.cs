namespace Pbx.EdgeSip.Transport;

/// <summary>Where transports deliver what they receive: the edge, which parses, answers faults and feeds the transaction layer.</summary>
internal interface ISipInbound
{
    /// <summary>One datagram or WebSocket message: exactly one SIP message (RFC 3261 18.3, RFC 7118 5.2).</summary>
    void OnPacket(ReadOnlySpan<byte> packet, SipEndPoint source);

    /// <summary>A message framed off a stream.</summary>
    void OnMessage(Parsing.SipMessage message, SipEndPoint source);

    /// <summary>Bytes on a stream that broke the grammar; the connection is closed after this, since framing is lost (RFC 4475 3.1.2.3).</summary>
    void OnMalformed(ReadOnlySpan<byte> bytes, Parsing.SipParseException error, SipEndPoint source);
}
