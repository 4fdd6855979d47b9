using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>What the edge proves to a carrier that challenges an INVITE (RFC 3261 22.2): the account and its HA1 for the carrier's realm.</summary>
/// <param name="Username">The digest account name.</param>
/// <param name="Realm">The realm <paramref name="Ha1Md5"/> was computed for.</param>
/// <param name="Ha1Md5">MD5(username:realm:password), lower-case hex; never the password.</param>
[GenerateSerializer, Immutable]
public sealed record TrunkCredentials(string Username, string Realm, string Ha1Md5)
{
    /// <inheritdoc />
    public override string ToString() => $"TrunkCredentials {{ Username = {Username}, Realm = {Realm} }}";
}
