namespace Pbx.EdgeSip.Transport;

/// <summary>Transports the edge listens on.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    WebSocket,
}
