namespace Pbx.EdgeSip.Auth;

/// <summary>
/// The two WWW-Authenticate (or Proxy-Authenticate) header values of a challenge, sharing one nonce. RFC 8760 section 2.4:
/// a server offering several algorithms sends one challenge per algorithm, most preferred first, so SHA-256 precedes MD5.
/// </summary>
/// <param name="Sha256">The SHA-256 challenge: send first. Null unless <see cref="Sha256Offer"/> makes it to the agent.</param>
/// <param name="Md5">The MD5 challenge: send after the SHA-256 one, for phones without SHA-256.</param>
public readonly record struct DigestChallenge(string? Sha256, string Md5);
