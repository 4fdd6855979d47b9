using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// The client side of digest authentication (RFC 3261 section 22.2, RFC 7616 section 3.4): reads a carrier's
/// WWW-Authenticate or Proxy-Authenticate value and computes the Authorization or Proxy-Authorization value for one
/// request. Runs once per challenge, not per packet, so it works on strings.
/// </summary>
public static class DigestResponder
{
    /// <summary>Answers <paramref name="challenge"/> for a request.</summary>
    /// <param name="challenge">The challenge header value ("Digest realm=..., nonce=..., ...").</param>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The Request-URI, which becomes the digest-uri (RFC 3261 22.4).</param>
    /// <param name="secret">Username and password or HA1.</param>
    /// <param name="cnonce">A fresh client nonce (only used with qop=auth).</param>
    /// <param name="nonceCount">How many requests used this nonce, this one included (RFC 7616 3.4: nc).</param>
    /// <param name="authorization">The header value to send, when answered.</param>
    public static DigestAnswerOutcome TryAnswer(string challenge, string method, string uri, TrunkSecret secret, string cnonce,
        uint nonceCount, out string authorization)
    {
        authorization = string.Empty;
        if (!TryParse(challenge, out var parameters) || !parameters.TryGetValue("realm", out var realm) || !parameters.TryGetValue("nonce", out var nonce))
            return DigestAnswerOutcome.Malformed;
        var algorithm = parameters.GetValueOrDefault("algorithm", "MD5");
        var sha256 = algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase);
        if (!sha256 && !algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase))
            return DigestAnswerOutcome.Unsupported;
        // RFC 7616 3.3: qop is a list; we implement "auth". Without qop the RFC 2069 form applies (still common with carriers).
        var qopOffered = parameters.TryGetValue("qop", out var qopList);
        if (qopOffered && !qopList!.Split(',', StringSplitOptions.TrimEntries).Contains("auth", StringComparer.OrdinalIgnoreCase))
            return DigestAnswerOutcome.Unsupported;

        string ha1;
        if (secret.Password is { } password)
            ha1 = Hash(sha256, $"{secret.Username}:{realm}:{password}");
        else if (!sha256 && secret.Ha1Md5 is not null && string.Equals(secret.Ha1Realm, realm, StringComparison.Ordinal))
            ha1 = secret.Ha1Md5;
        else
            return DigestAnswerOutcome.RealmMismatch;

        var ha2 = Hash(sha256, $"{method}:{uri}");
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var response = qopOffered ? Hash(sha256, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}") : Hash(sha256, $"{ha1}:{nonce}:{ha2}");

        var builder = new StringBuilder(256)
            .Append("Digest username=\"").Append(secret.Username)
            .Append("\", realm=\"").Append(realm)
            .Append("\", nonce=\"").Append(nonce)
            .Append("\", uri=\"").Append(uri)
            .Append("\", response=\"").Append(response)
            .Append("\", algorithm=").Append(sha256 ? "SHA-256" : "MD5");
        if (qopOffered)
            builder.Append(", qop=auth, nc=").Append(nc).Append(", cnonce=\"").Append(cnonce).Append('"');
        // RFC 7616 3.4: opaque is returned unchanged.
        if (parameters.TryGetValue("opaque", out var opaque))
            builder.Append(", opaque=\"").Append(opaque).Append('"');
        authorization = builder.ToString();
        return DigestAnswerOutcome.Answered;
    }

    /// <summary>Picks the challenge to answer from several (RFC 8760 section 2.4: the first one we support, in the server's order).</summary>
    public static string? Choose(IEnumerable<string> challenges)
    {
        foreach (var challenge in challenges)
        {
            if (TryParse(challenge, out var parameters)
                && parameters.GetValueOrDefault("algorithm", "MD5") is var algorithm
                && (algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase) || algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)))
                return challenge;
        }
        return null;
    }

    private static bool TryParse(string challenge, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = challenge.AsSpan().Trim();
        if (text.Length < 7 || !text[..6].Equals("Digest", StringComparison.OrdinalIgnoreCase) || text[6] is not (' ' or '\t'))
            return false;
        text = text[7..];
        while (true)
        {
            text = text.TrimStart(" \t,");
            if (text.IsEmpty)
                return true;
            var equals = text.IndexOf('=');
            if (equals <= 0)
                return false;
            var name = text[..equals].Trim().ToString();
            text = text[(equals + 1)..].TrimStart(" \t");
            string value;
            if (text.StartsWith('"'))
            {
                var close = text[1..].IndexOf('"');
                if (close < 0)
                    return false;
                value = text.Slice(1, close).ToString();
                text = text[(close + 2)..];
            }
            else
            {
                var comma = text.IndexOf(',');
                value = (comma < 0 ? text : text[..comma]).Trim().ToString();
                text = comma < 0 ? [] : text[comma..];
            }
            parameters[name] = value;
        }
    }

    private static string Hash(bool sha256, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }
}
