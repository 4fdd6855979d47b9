using System.Net;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Identifies which trunk an inbound INVITE comes from by its source: an allowed network of an IP-authenticated trunk, or
/// the carrier host a trunk is reached at with its port. Anything else is not a trunk and the edge refuses and logs it
/// (an open INVITE path to the PSTN is the classic toll-fraud hole). Pure; first match in configuration order.
/// </summary>
/// <param name="networks">Allowed networks of the enabled trunks.</param>
/// <param name="hosts">Host and port of the enabled trunks; only literal IP hosts can match.</param>
public sealed class TrunkSourceTable(IReadOnlyList<(string TrunkId, IPNetwork Network)> networks, IReadOnlyList<(string TrunkId, string Host, int Port)> hosts)
{
    /// <summary>The trunk <paramref name="source"/>:<paramref name="port"/> belongs to, or null.</summary>
    public string? Identify(IPAddress source, int port)
    {
        // An IPv4 peer reached over a dual-stack socket shows as ::ffff:a.b.c.d; compare it as IPv4.
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var (trunkId, network) in networks)
        {
            if (network.Contains(address))
                return trunkId;
        }
        // The carrier's own host is matched with its port: a phone on the same address (a shared NAT, or loopback in a
        // test) is not the carrier, and carriers send from the port they are reached on (RFC 3261 18.2.2 symmetric use).
        foreach (var (trunkId, host, hostPort) in hosts)
        {
            if (hostPort == port && IPAddress.TryParse(host, out var literal) && literal.Equals(address))
                return trunkId;
        }
        return null;
    }
}
