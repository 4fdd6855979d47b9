using System.Net;
using System.Net.Sockets;
using Pbx.EdgeSip.Transactions;

namespace Pbx.EdgeSip.Hosting;

/// <summary>The "Sip" configuration section: listen addresses, realm, User-Agent and RFC 3261 timers ("Sip:Timers").</summary>
public sealed class SipOptions
{
    public const string Section = "Sip";

    /// <summary>UDP listen addresses as "host:port" (IPv6 as "[::]:5060"); empty = 0.0.0.0:5060 and [::]:5060 where IPv6 exists.</summary>
    public List<string> Udp { get; set; } = [];

    /// <summary>TCP listen addresses; empty = same defaults as UDP.</summary>
    public List<string> Tcp { get; set; } = [];

    /// <summary>SIP-over-WebSocket (RFC 7118) listen addresses on their own port; empty = none (a host may map it instead).</summary>
    public List<string> WebSocket { get; set; } = [];

    /// <summary>Digest realm the registrar challenges with.</summary>
    public string Realm { get; set; } = "pbx";

    /// <summary>Value of User-Agent in requests and Server in responses.</summary>
    public string UserAgent { get; set; } = "Pbx";

    public SipTimerOptions Timers { get; set; } = new();

    /// <summary>The UDP addresses to listen on: <see cref="Udp"/>, or the defaults when it is empty.</summary>
    public IReadOnlyList<IPEndPoint> UdpEndPoints() => Parse(Udp, defaults: true);

    /// <summary>The TCP addresses to listen on: <see cref="Tcp"/>, or the defaults when it is empty.</summary>
    public IReadOnlyList<IPEndPoint> TcpEndPoints() => Parse(Tcp, defaults: true);

    /// <summary>The SIP-over-WebSocket addresses to listen on.</summary>
    public IReadOnlyList<IPEndPoint> WebSocketEndPoints() => Parse(WebSocket, defaults: false);

    private static List<IPEndPoint> Parse(List<string> values, bool defaults)
    {
        if (values.Count == 0 && defaults)
        {
            List<IPEndPoint> standard = [new(IPAddress.Any, 5060)];
            if (Socket.OSSupportsIPv6)
                standard.Add(new IPEndPoint(IPAddress.IPv6Any, 5060));
            return standard;
        }
        return values.ConvertAll(IPEndPoint.Parse);
    }
}
