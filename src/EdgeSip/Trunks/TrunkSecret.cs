namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// What we prove to a carrier: the password (decrypted only in memory for the moment of hashing) or, when the carrier's
/// realm is known in advance, only HA1 = H(username:realm:password) (RFC 7616 section 3.4.2), which is all digest needs.
/// </summary>
/// <param name="Username">The account name the carrier gave.</param>
/// <param name="Password">The password; null when only <paramref name="Ha1Md5"/> is kept.</param>
/// <param name="Ha1Realm">The realm <paramref name="Ha1Md5"/> was computed for.</param>
/// <param name="Ha1Md5">MD5 HA1, lower-case hex, for <paramref name="Ha1Realm"/>.</param>
public sealed record TrunkSecret(string Username, string? Password, string? Ha1Realm = null, string? Ha1Md5 = null)
{
    /// <inheritdoc />
    public override string ToString() => $"TrunkSecret {{ Username = {Username} }}";
}
