namespace Pbx.EdgeSip.Auth;

/// <summary>Identity of a nonce this process issued: its issue time and a tag from its MAC, unique per nonce.</summary>
/// <param name="IssuedAtMs">Issue time, Unix milliseconds.</param>
/// <param name="Tag">First 8 bytes of the nonce's MAC; nonzero.</param>
public readonly record struct DigestNonce(long IssuedAtMs, ulong Tag);
