using System.Net;
using System.Net.Sockets;
using Pbx.EdgeSip.Transactions;
using Pbx.Certificates;

namespace Pbx.EdgeSip.Hosting;

/// <summary>The "Sip" configuration section: listen addresses, realm, User-Agent, RFC 3261 timers ("Sip:Timers") and the TLS certificate ("Sip:Certificate").</summary>
public sealed class SipOptions
{
    public const string Section = "Sip";

    /// <summary>The section of <see cref="Certificate"/>: the machine's certificate, which HTTPS presents too unless given its own.</summary>
    public const string CertificateSection = "Sip:Certificate";

    /// <summary>The SIP-over-TLS port an address in <see cref="Tls"/> gets when it names none (RFC 3261 26.2.1).</summary>
    public const int DefaultTlsPort = 5061;

    /// <summary>UDP listen addresses as "host:port" (IPv6 as "[::]:5060"); empty = 0.0.0.0:5060 and [::]:5060 where IPv6 exists.</summary>
    public List<string> Udp { get; set; } = [];

    /// <summary>TCP listen addresses; empty = same defaults as UDP.</summary>
    public List<string> Tcp { get; set; } = [];

    /// <summary>SIP-over-WebSocket (RFC 7118) listen addresses on their own port; empty = none (a host may map it instead).</summary>
    public List<string> WebSocket { get; set; } = [];

    /// <summary>SIP-over-TLS listen addresses, "host:port" or a bare address for port 5061; empty = no TLS.</summary>
    public List<string> Tls { get; set; } = [];

    /// <summary>The certificate the TLS listeners present.</summary>
    public CertificateOptions Certificate { get; set; } = new();

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

    /// <summary>The SIP-over-TLS addresses to listen on, a bare address on <see cref="DefaultTlsPort"/>.</summary>
    public IReadOnlyList<IPEndPoint> TlsEndPoints() => Tls.ConvertAll(value => TryParseTls(value, out var endPoint) ? endPoint : IPEndPoint.Parse(value));

    /// <summary>"0.0.0.0:5061", "[::]:5061", or a bare "0.0.0.0", "[::]" or "::" meaning port 5061.</summary>
    internal static bool TryParseTls(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        // IPAddress.TryParse would also take "[::]:5070", dropping the port: only a whole bracket or none is a bare address.
        var bracketed = value.StartsWith('[') && value.EndsWith(']');
        var bare = bracketed ? value[1..^1] : value;
        if ((bracketed || !value.Contains('[', StringComparison.Ordinal)) && IPAddress.TryParse(bare, out var address)
            && (address.AddressFamily == AddressFamily.InterNetworkV6 || !value.Contains(':', StringComparison.Ordinal)))
        {
            endPoint = new IPEndPoint(address, DefaultTlsPort);
            return true;
        }
        endPoint = null;
        return value.Contains(':', StringComparison.Ordinal) && IPEndPoint.TryParse(value, out endPoint);
    }

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
