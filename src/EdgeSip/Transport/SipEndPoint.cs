using System.Net;

namespace Pbx.EdgeSip.Transport;

/// <summary>
/// Where a message came from or goes to: transport plus remote address. Responses go back to the packet's source
/// (RFC 3581 rport behaviour, forced for every request) and over the same TCP or WebSocket connection when it is open.
/// </summary>
public sealed record SipEndPoint(SipTransportKind Transport, IPEndPoint Remote)
{
    /// <summary>TCP and WebSocket: no retransmission timers, no UDP size limit (RFC 3261 17.1.1.2, 18.1.1).</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>Transport token for Via (RFC 3261 18.1.1, RFC 7118 7: "WS").</summary>
    public string ViaTransport => Transport switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        _ => "WS",
    };

    public override string ToString() => $"{ViaTransport}:{Remote}";
}
