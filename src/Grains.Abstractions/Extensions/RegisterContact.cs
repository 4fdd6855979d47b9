using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>One Contact header value of a REGISTER.</summary>
/// <param name="Uri">The contact URI without angle brackets or header parameters; bindings are matched on it.</param>
/// <param name="Expires">The contact's "expires" parameter in seconds, or null; it takes precedence over the Expires header (RFC 3261 10.3 step 6).</param>
/// <param name="Q">The "q" parameter (0 to 1), or null when absent (treated as 1 for ordering).</param>
/// <param name="InstanceId">The "+sip.instance" parameter (RFC 5626 section 4.1), or null: a new contact with the same instance replaces the old one, so a rebooted phone on a new port is not refused as one contact too many.</param>
[GenerateSerializer, Immutable]
public sealed record RegisterContact(string Uri, int? Expires = null, double? Q = null, string? InstanceId = null);
