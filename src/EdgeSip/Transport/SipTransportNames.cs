namespace Pbx.EdgeSip.Transport;

/// <summary>
/// Transports by the lower-case names bindings and dialog legs store ("udp", "tcp", "tls", "ws"), which are also the
/// values of the <c>transport</c> URI parameter (RFC 3261 19.1.1, RFC 7118 7).
/// </summary>
public static class SipTransportNames
{
    public static string Of(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "udp",
        SipTransportKind.Tcp => "tcp",
        SipTransportKind.Tls => "tls",
        _ => "ws",
    };

    /// <summary>The transport a stored name says; UDP for anything unknown, as RFC 3261 18.1.1 defaults to it.</summary>
    public static SipTransportKind Parse(string name) => name switch
    {
        "tcp" => SipTransportKind.Tcp,
        "tls" => SipTransportKind.Tls,
        "ws" or "wss" => SipTransportKind.WebSocket,
        _ => SipTransportKind.Udp,
    };
}
