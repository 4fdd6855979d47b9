using System.Net;

namespace Pbx.EdgeSip.Transport;

/// <summary>
/// Where a message came from or goes to: transport plus remote address. Responses go back to the packet's source
/// (RFC 3581 rport behaviour, forced for every request) and over the same TCP or WebSocket connection when it is open.
/// </summary>
public sealed record SipEndPoint(SipTransportKind Transport, IPEndPoint Remote)
{
    /// <summary>TCP, TLS and WebSocket: no retransmission timers, no UDP size limit (RFC 3261 17.1.1.2, 18.1.1).</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>Transport token for Via (RFC 3261 18.1.1 and 26.2: "TLS", RFC 7118 7: "WS").</summary>
    public string ViaTransport => Transport switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        SipTransportKind.Tls => "TLS",
        _ => "WS",
    };

    /// <summary>"UDP:192.0.2.10:5060", "TCP:[2001:db8::1]:5061", "TLS:...", "WS:...": the form a binding stores.</summary>
    public override string ToString() => $"{ViaTransport}:{Remote}";

    /// <summary>Reads what <see cref="ToString"/> wrote, e.g. from a stored binding.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipEndPoint? endPoint)
    {
        endPoint = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IPEndPoint.TryParse(text[(colon + 1)..], out var remote))
            return false;
        SipTransportKind? kind = text[..colon] switch
        {
            "UDP" => SipTransportKind.Udp,
            "TCP" => SipTransportKind.Tcp,
            "TLS" => SipTransportKind.Tls,
            "WS" => SipTransportKind.WebSocket,
            _ => null,
        };
        if (kind is null)
            return false;
        endPoint = new SipEndPoint(kind.Value, remote);
        return true;
    }
}
