namespace Pbx.EdgeSip.Transport;

/// <summary>Transports the edge listens on.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    WebSocket,

    /// <summary>SIP over TLS over TCP (RFC 3261 26.2), framed as TCP is.</summary>
    Tls,
}
