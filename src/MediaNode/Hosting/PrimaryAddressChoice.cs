using System.Net;

namespace Pbx.MediaNode.Hosting;

/// <summary>The address <see cref="PrimaryAddress.Choose"/> picked, and why.</summary>
/// <param name="Address">The host's primary IPv4 address, or 127.0.0.1 when it has none.</param>
/// <param name="Interface">The interface it belongs to; null for the loopback fallback.</param>
/// <param name="Reason">Which rule picked it.</param>
public sealed record PrimaryAddressChoice(IPAddress Address, string? Interface, PrimaryAddressReason Reason);

/// <summary>Which rule of <see cref="PrimaryAddress.Choose"/> picked the address.</summary>
public enum PrimaryAddressReason
{
    /// <summary>The first address of the interface the IPv4 default route leaves through.</summary>
    DefaultRoute,

    /// <summary>No default route: the first address of the first interface that is up and not loopback.</summary>
    FirstUpInterface,

    /// <summary>Nothing but loopback is up: only this machine can reach the address.</summary>
    LoopbackOnly,
}
