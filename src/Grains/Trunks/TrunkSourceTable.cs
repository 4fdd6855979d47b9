using System.Net;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Identifies which trunk an inbound INVITE comes from by its source address: the carrier host a trunk registers with,
/// or an allowed network of an IP-authenticated trunk. Anything else is not a trunk and the edge refuses and logs it
/// (an open INVITE path to the PSTN is the classic toll-fraud hole). Pure; first match in configuration order.
/// </summary>
public sealed class TrunkSourceTable(IReadOnlyList<(string TrunkId, IPNetwork Network)> sources)
{
    /// <summary>The trunk whose networks contain <paramref name="source"/>, or null.</summary>
    public string? Identify(IPAddress source)
    {
        // An IPv4 peer reached over a dual-stack socket shows as ::ffff:a.b.c.d; compare it as IPv4.
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var (trunkId, network) in sources)
        {
            if (network.Contains(address))
                return trunkId;
        }
        return null;
    }
}
