using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>What the edge needs to check a digest response for an extension; passwords are never stored, only HA1 per realm.</summary>
/// <param name="Realm">Digest realm the HA1 values were computed for.</param>
/// <param name="Ha1Md5">H(number:realm:password) with MD5, lower-case hex (RFC 2617 3.2.2.2).</param>
/// <param name="Ha1Sha256">H(number:realm:password) with SHA-256, lower-case hex (RFC 7616 3.4.2, RFC 8760).</param>
/// <param name="Enabled">False when an administrator disabled the extension: refuse with 403.</param>
/// <param name="LockedOut">True when the per-extension lockout applies to the asking address: refuse with 403 without checking.</param>
[GenerateSerializer, Immutable]
public sealed record ExtensionCredentials(string Realm, string Ha1Md5, string Ha1Sha256, bool Enabled, bool LockedOut);
