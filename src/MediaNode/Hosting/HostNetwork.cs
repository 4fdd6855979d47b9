using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pbx.MediaNode.Hosting;

/// <summary>The host's network interfaces as the system reports them now (on Linux the default route comes from <c>/proc/net/route</c>).</summary>
public static class HostNetwork
{
    public static IReadOnlyList<HostInterface> Interfaces() =>
        NetworkInterface.GetAllNetworkInterfaces().Select(Describe).ToList();

    /// <summary><see cref="PrimaryAddress.Choose"/> over <see cref="Interfaces"/>.</summary>
    public static PrimaryAddressChoice Primary() => PrimaryAddress.Choose(Interfaces());

    private static HostInterface Describe(NetworkInterface nic)
    {
        var properties = nic.GetIPProperties();
        var hasDefaultRoute = properties.GatewayAddresses.Any(g =>
            g.Address.AddressFamily == AddressFamily.InterNetwork && !g.Address.Equals(IPAddress.Any));
        return new HostInterface(
            nic.Name,
            // Linux reports "unknown" for interfaces without carrier detection (tun, some virtual NICs) that carry traffic all the same.
            nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown,
            nic.NetworkInterfaceType == NetworkInterfaceType.Loopback,
            hasDefaultRoute,
            properties.UnicastAddresses.Select(a => a.Address).ToList());
    }
}
