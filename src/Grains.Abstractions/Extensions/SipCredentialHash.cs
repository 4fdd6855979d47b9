using System.Security.Cryptography;
using System.Text;

namespace Pbx.Grains.Extensions;

/// <summary>
/// The only form in which SIP passwords are stored: HA1 = H(username ":" realm ":" password),
/// lower-case hex, for MD5 (RFC 2617 3.2.2.2) and SHA-256 (RFC 7616 3.4.2, RFC 8760).
/// </summary>
public static class SipCredentialHash
{
    /// <summary>HA1 with MD5.</summary>
    public static string Md5(string username, string realm, string password)
        => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}")));

    /// <summary>HA1 with SHA-256.</summary>
    public static string Sha256(string username, string realm, string password)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}")));
}
