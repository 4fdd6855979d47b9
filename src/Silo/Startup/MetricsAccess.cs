using System.Net;

namespace Pbx.Silo.Startup;

/// <summary>
/// Who may scrape <c>/metrics</c>: addresses inside the networks of <c>Metrics:AllowFrom</c> (CIDR, default loopback only).
/// The figures name no one, but they show an outsider how busy the PBX is and when; a Prometheus on another host is
/// allowed by adding its network.
/// </summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> allowed)
{
    /// <summary>Loopback, IPv4 and IPv6: a Prometheus or agent on the same machine.</summary>
    public static readonly string[] DefaultNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>Parses the configured networks; a malformed one stops start-up naming the key.</summary>
    public static MetricsAccess From(IEnumerable<string>? networks)
    {
        var parsed = new List<IPNetwork>();
        foreach (var text in networks is null || !networks.Any() ? DefaultNetworks : networks)
        {
            if (!IPNetwork.TryParse(text.Trim(), out var network))
                throw new Microsoft.Extensions.Options.OptionsValidationException("Metrics", typeof(MetricsAccess),
                    [$"Metrics:AllowFrom: '{text}' is not a network in CIDR form (e.g. 10.0.0.0/8)."]);
            parsed.Add(network);
        }
        return new MetricsAccess(parsed);
    }

    /// <summary>True when <paramref name="remote"/> (an IPv4-mapped IPv6 address counts as its IPv4 one) is allowed.</summary>
    public bool Allows(IPAddress? remote)
    {
        if (remote is null)
            return false;
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return allowed.Any(network => network.Contains(address));
    }
}
