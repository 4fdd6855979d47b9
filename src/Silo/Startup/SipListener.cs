using System.Net;
using Pbx.EdgeSip.Hosting;

namespace Pbx.Silo.Startup;

/// <summary>One address the SIP edge is configured to listen on, with the key that put it there.</summary>
/// <param name="Key">The configuration key (<c>Sip:Udp:0</c>), or the list's name (<c>Sip:Udp</c>) for its default.</param>
/// <param name="EndPoint">The address and port.</param>
internal sealed record SipListener(string Key, IPEndPoint EndPoint)
{
    /// <summary>Every address of <paramref name="options"/>, UDP, TCP, WebSocket, then TLS.</summary>
    public static IReadOnlyList<SipListener> From(SipOptions options) =>
    [
        .. Keyed("Sip:Udp", options.Udp, options.UdpEndPoints()),
        .. Keyed("Sip:Tcp", options.Tcp, options.TcpEndPoints()),
        .. Keyed("Sip:WebSocket", options.WebSocket, options.WebSocketEndPoints()),
        .. Keyed("Sip:Tls", options.Tls, options.TlsEndPoints()),
    ];

    private static IEnumerable<SipListener> Keyed(string list, List<string> configured, IReadOnlyList<IPEndPoint> endPoints) =>
        endPoints.Select((endPoint, i) => new SipListener(configured.Count == 0 ? list : $"{list}:{i}", endPoint));
}
