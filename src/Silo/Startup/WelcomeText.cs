using System.Net;
using System.Net.Sockets;

namespace Pbx.Silo.Startup;

/// <summary>
/// The banner's lines: where to point a phone and a browser, from what is really bound. An address bound to every
/// interface is shown as <paramref name="host"/>'s primary address, the one a phone on the LAN reaches; an IPv6 wildcard
/// is left out when IPv4 listens on the same port, since the IPv4 address is the one to type into a phone.
/// </summary>
internal static class WelcomeText
{
    public static IReadOnlyList<string> Lines(ListeningAddresses bound, IPAddress host, string realm)
    {
        var sip = Sip(bound, host);
        // HTTPS first: the address to give a browser when there is one (sign-in passwords, and the microphone, want it).
        var http = bound.Http.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(a => Reachable(a, host)).Distinct(StringComparer.Ordinal).ToList();
        var lines = new List<string>
        {
            sip.Count == 0
                ? "  PBX ready. SIP: this process has no edge role."
                : $"  PBX ready. SIP phones: {string.Join(", ", sip)}; realm {realm}, user = extension number.",
        };
        if (http.Count > 0)
        {
            var also = http.Count > 1 ? $"   (also {string.Join(", ", http.Skip(1))})" : "";
            lines.Add(bound.Api ? $"  Browser: {http[0]}   API: {http[0]}api/v1{also}   Stop: Ctrl-C" : $"  HTTP: {http[0]}{also}   Stop: Ctrl-C");
        }
        return lines;
    }

    /// <summary>"192.168.1.20:5060 (UDP, TCP)", "192.168.1.20:5061 (TLS)", one entry per distinct address, then "ws://...:5066 (WebSocket)".</summary>
    private static List<string> Sip(ListeningAddresses bound, IPAddress host)
    {
        var byAddress = new List<(string Address, List<string> Transports)>();
        foreach (var (transport, endPoints) in new[] { ("UDP", bound.SipUdp), ("TCP", bound.SipTcp), ("TLS", bound.SipTls) })
        {
            foreach (var endPoint in Shown(endPoints))
            {
                var address = Format(endPoint, host);
                if (byAddress.Find(e => e.Address == address) is { Address: not null } known)
                    known.Transports.Add(transport);
                else
                    byAddress.Add((address, [transport]));
            }
        }
        return
        [
            .. byAddress.Select(e => $"{e.Address} ({string.Join(", ", e.Transports)})"),
            .. Shown(bound.SipWebSocket).Select(e => $"ws://{Format(e, host)} (WebSocket)"),
        ];
    }

    private static IEnumerable<IPEndPoint> Shown(IReadOnlyList<IPEndPoint> endPoints) =>
        endPoints.Where(e => !e.Address.Equals(IPAddress.IPv6Any) || !endPoints.Any(v4 => v4.AddressFamily == AddressFamily.InterNetwork && v4.Port == e.Port));

    private static string Format(IPEndPoint endPoint, IPAddress host) =>
        endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)
            ? new IPEndPoint(host, endPoint.Port).ToString()
            : endPoint.ToString();

    /// <summary>A Kestrel address with a wildcard host replaced by <paramref name="host"/>, ending in '/'.</summary>
    private static string Reachable(string address, IPAddress host)
    {
        var uri = new Uri(address);
        var wildcard = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
        return (wildcard ? new UriBuilder(uri) { Host = host.ToString() }.Uri : uri).ToString();
    }
}
