using System.Net;

namespace Pbx.MediaNode.Hosting;

/// <summary>What <see cref="PrimaryAddress"/> needs to know of one network interface of the host.</summary>
/// <param name="Name">The interface's name (<c>eth0</c>), for the log.</param>
/// <param name="IsUp">The interface is operational.</param>
/// <param name="IsLoopback">The loopback interface.</param>
/// <param name="HasDefaultRoute">An IPv4 default gateway is reached through it: traffic to other networks leaves here.</param>
/// <param name="Addresses">Its unicast addresses, in the order the system lists them.</param>
public sealed record HostInterface(string Name, bool IsUp, bool IsLoopback, bool HasDefaultRoute, IReadOnlyList<IPAddress> Addresses);
