using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Whether a challenge offers SHA-256 (RFC 8760) before MD5. RFC 8760 section 2.4 lets the client pick the first challenge
/// it supports, but many deployed agents read only the first one and fail on an algorithm they lack (baresip 1.0:
/// "Function not implemented"; sipp 3.6: "authentication must use MD5"), so MD5 alone is the default and SHA-256 is
/// offered to everyone (<see cref="DigestOptions.OfferSha256"/>) or to the agents whose User-Agent header matches one of
/// <see cref="DigestOptions.Sha256UserAgents"/>, as Asterisk's per-endpoint and Kamailio's per-User-Agent rules do.
/// </summary>
public sealed class Sha256Offer
{
    private readonly bool _everyone;
    private readonly string[] _userAgentPatterns;

    /// <summary>The offer the options describe.</summary>
    public Sha256Offer(DigestOptions options)
    {
        _everyone = options.OfferSha256;
        _userAgentPatterns = [.. options.Sha256UserAgents];
    }

    /// <summary>True when the challenge to an agent sending <paramref name="userAgent"/> (empty when absent) offers SHA-256 first.</summary>
    public bool AppliesTo(ReadOnlySpan<char> userAgent) => _everyone || WildcardPattern.MatchesAny(_userAgentPatterns, userAgent);
}
