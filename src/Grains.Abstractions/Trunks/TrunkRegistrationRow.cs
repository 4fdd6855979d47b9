using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>What the edge needs to keep one trunk registered with its carrier: a row of <c>trunks</c> with register = true.</summary>
/// <param name="TrunkId">The trunk's id.</param>
/// <param name="Host">The carrier's host (name or address): the domain of our address-of-record.</param>
/// <param name="Port">The carrier's SIP port.</param>
/// <param name="Transport">"udp" or "tcp".</param>
/// <param name="OutboundProxy">host[:port] every request goes to instead of <paramref name="Host"/> (RFC 3261 8.1.2), or null.</param>
/// <param name="Username">The digest account name.</param>
/// <param name="Realm">The carrier's realm when known in advance, or null.</param>
/// <param name="Ha1Md5">HA1 for <paramref name="Realm"/> when only that is stored, or null.</param>
/// <param name="Expires">The registration lifetime to ask for.</param>
/// <param name="UpdatedAt">When the row last changed: a different value means the registration must restart.</param>
[GenerateSerializer, Immutable]
public sealed record TrunkRegistrationRow(
    string TrunkId, string Host, int Port, string Transport, string? OutboundProxy, string Username, string? Realm,
    string? Ha1Md5, TimeSpan Expires, DateTimeOffset UpdatedAt)
{
    /// <inheritdoc />
    public override string ToString() => $"TrunkRegistrationRow {{ TrunkId = {TrunkId}, Host = {Host}, UpdatedAt = {UpdatedAt:O} }}";
}
