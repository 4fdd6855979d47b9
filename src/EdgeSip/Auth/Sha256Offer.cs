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
    public bool AppliesTo(ReadOnlySpan<char> userAgent)
    {
        if (_everyone)
            return true;
        foreach (var pattern in _userAgentPatterns)
        {
            if (Matches(pattern, userAgent))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Case-insensitive match of the whole <paramref name="text"/> against <paramref name="pattern"/>, where <c>*</c> stands
    /// for any run of characters (<c>Linphone*</c>, <c>*Yealink SIP-T4*</c>): what an administrator can read off a phone's
    /// User-Agent line in a trace without learning regular expressions.
    /// </summary>
    internal static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
            return text.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        if (!text.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase))
            return false;
        text = text[star..];
        pattern = pattern[(star + 1)..];
        // Each literal piece between stars is taken at its first occurrence; the piece after the last star must end the text.
        while ((star = pattern.IndexOf('*')) >= 0)
        {
            var piece = pattern[..star];
            var at = text.IndexOf(piece, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
                return false;
            text = text[(at + piece.Length)..];
            pattern = pattern[(star + 1)..];
        }
        return text.EndsWith(pattern, StringComparison.OrdinalIgnoreCase);
    }
}
