using System.Net;
using System.Net.Sockets;

namespace Pbx.MediaNode.Hosting;

/// <summary>
/// Which of the host's addresses a phone on the LAN most likely reaches: the one the default route leaves from (a
/// machine's other interfaces are often container bridges or VPNs), else the first interface that is up, else loopback.
/// IPv4 only, as SDP <c>c=</c> lines of most desk phones are; link-local addresses (169.254/16) are passed over, since
/// they mean DHCP failed and phones elsewhere cannot route to them.
/// </summary>
public static class PrimaryAddress
{
    public static PrimaryAddressChoice Choose(IEnumerable<HostInterface> interfaces)
    {
        var candidates = interfaces.Where(i => i.IsUp && !i.IsLoopback).ToList();
        foreach (var routed in candidates.Where(i => i.HasDefaultRoute))
        {
            if (Usable(routed) is { } address)
                return new PrimaryAddressChoice(address, routed.Name, PrimaryAddressReason.DefaultRoute);
        }
        foreach (var candidate in candidates)
        {
            if (Usable(candidate) is { } address)
                return new PrimaryAddressChoice(address, candidate.Name, PrimaryAddressReason.FirstUpInterface);
        }
        return new PrimaryAddressChoice(IPAddress.Loopback, null, PrimaryAddressReason.LoopbackOnly);
    }

    private static IPAddress? Usable(HostInterface candidate) =>
        candidate.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !IsLinkLocal(a));

    private static bool IsLinkLocal(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return bytes[0] == 169 && bytes[1] == 254;
    }
}
