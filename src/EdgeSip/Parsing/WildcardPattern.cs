namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// Header patterns an administrator writes in configuration (User-Agent lists): <c>*</c> stands for any run of characters
/// (<c>Linphone*</c>, <c>*Yealink SIP-T4*</c>), the rest is compared case-insensitively with the whole header, which can be
/// read off a phone's trace without learning regular expressions.
/// </summary>
public static class WildcardPattern
{
    /// <summary>True when <paramref name="text"/> as a whole matches <paramref name="pattern"/>.</summary>
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
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

    /// <summary>True when <paramref name="text"/> matches any of <paramref name="patterns"/>.</summary>
    public static bool MatchesAny(IReadOnlyList<string> patterns, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (Matches(patterns[i], text))
                return true;
        }
        return false;
    }
}
