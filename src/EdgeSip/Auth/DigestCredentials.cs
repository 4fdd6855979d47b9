using System.Globalization;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// An Authorization or Proxy-Authorization header value (RFC 7616 section 3.4, RFC 3261 section 22.4), parsed without
/// copying: each parameter is a range of the header value string. Only what this edge offers is accepted: qop=auth,
/// algorithm MD5 or SHA-256, no userhash.
/// </summary>
public readonly struct DigestCredentials
{
    // Quoted-pair escapes (RFC 7230 3.2.6) are refused rather than unescaped: no value that can verify here contains a
    // quote or backslash (extension numbers are [0-9A-Za-z_.+-], realms and nonces are ours, cnonces are tokens in practice).
    private readonly string _value;
    private readonly Range _username;
    private readonly Range _realm;
    private readonly Range _nonce;
    private readonly Range _uri;
    private readonly Range _response;
    private readonly Range _cnonce;

    private DigestCredentials(string value, Range username, Range realm, Range nonce, Range uri, Range response, Range cnonce, uint nonceCount, DigestAlgorithm algorithm)
    {
        _value = value;
        _username = username;
        _realm = realm;
        _nonce = nonce;
        _uri = uri;
        _response = response;
        _cnonce = cnonce;
        NonceCount = nonceCount;
        Algorithm = algorithm;
    }

    /// <summary>The "username" parameter: the extension number.</summary>
    public ReadOnlySpan<char> Username => _value.AsSpan(_username);

    /// <summary>The "realm" parameter.</summary>
    public ReadOnlySpan<char> Realm => _value.AsSpan(_realm);

    /// <summary>The "nonce" parameter, as the server issued it.</summary>
    public ReadOnlySpan<char> Nonce => _value.AsSpan(_nonce);

    /// <summary>The "uri" parameter (digest-uri).</summary>
    public ReadOnlySpan<char> Uri => _value.AsSpan(_uri);

    /// <summary>The "response" parameter, hex.</summary>
    public ReadOnlySpan<char> Response => _value.AsSpan(_response);

    /// <summary>The "cnonce" parameter.</summary>
    public ReadOnlySpan<char> Cnonce => _value.AsSpan(_cnonce);

    /// <summary>The "nc" parameter: how many requests the client has sent with this nonce, starting at 1.</summary>
    public uint NonceCount { get; }

    /// <summary>The "algorithm" parameter; MD5 when absent.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>The "nc" parameter as it went into the hash: eight lower-case hex digits.</summary>
    internal void FormatNonceCount(Span<char> destination) => NonceCount.TryFormat(destination, out _, "x8", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a header value such as <c>Digest username="100", realm="pbx", nonce="...", uri="sip:pbx", response="...",
    /// algorithm=SHA-256, qop=auth, nc=00000001, cnonce="..."</c>. False when it is not a Digest value, lacks a required
    /// parameter, or asks for what this edge does not offer (another qop, a -sess algorithm, userhash).
    /// </summary>
    public static bool TryParse(string? value, out DigestCredentials credentials)
    {
        credentials = default;
        if (value is null)
            return false;
        var span = value.AsSpan();
        var pos = SkipSpaces(span, 0);
        if (span.Length - pos < 7 || !span.Slice(pos, 6).Equals("Digest", StringComparison.OrdinalIgnoreCase) || span[pos + 6] is not (' ' or '\t'))
            return false;
        pos += 7;

        Range username = default, realm = default, nonce = default, uri = default, response = default, cnonce = default;
        var seen = Seen.None;
        uint nc = 0;
        var algorithm = DigestAlgorithm.Md5;
        while (true)
        {
            pos = SkipSpaces(span, pos);
            if (pos == span.Length)
                break;
            if (!TryReadParameter(span, ref pos, out var name, out var paramValue))
                return false;
            var key = span[name];
            var text = span[paramValue];
            if (Is(key, "username"))
                (username, seen) = (paramValue, seen | Seen.Username);
            else if (Is(key, "realm"))
                (realm, seen) = (paramValue, seen | Seen.Realm);
            else if (Is(key, "nonce"))
                (nonce, seen) = (paramValue, seen | Seen.Nonce);
            else if (Is(key, "uri"))
                (uri, seen) = (paramValue, seen | Seen.Uri);
            else if (Is(key, "response"))
                (response, seen) = (paramValue, seen | Seen.Response);
            else if (Is(key, "cnonce"))
                (cnonce, seen) = (paramValue, seen | Seen.Cnonce);
            else if (Is(key, "qop"))
            {
                if (!Is(text, "auth"))
                    return false;
                seen |= Seen.Qop;
            }
            else if (Is(key, "nc"))
            {
                // RFC 7616 3.4: nc is exactly 8 hex digits.
                if (text.Length != 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nc) || nc == 0)
                    return false;
                seen |= Seen.NonceCount;
            }
            else if (Is(key, "algorithm"))
            {
                if (Is(text, "MD5"))
                    algorithm = DigestAlgorithm.Md5;
                else if (Is(text, "SHA-256"))
                    algorithm = DigestAlgorithm.Sha256;
                else
                    return false;
            }
            // RFC 7616 3.4.4: a hashed username cannot be mapped to an extension without a table we do not keep.
            else if (Is(key, "userhash") && !Is(text, "false"))
            {
                return false;
            }
            // opaque and other auth-params are ignored (RFC 7616 3.4).
            pos = SkipSpaces(span, pos);
            if (pos == span.Length)
                break;
            if (span[pos] != ',')
                return false;
            pos++;
        }
        // qop is mandatory here: this edge always offers qop="auth", and without it there is no nc to stop replays (RFC 7616 3.4).
        if (seen != Seen.All)
            return false;
        credentials = new DigestCredentials(value, username, realm, nonce, uri, response, cnonce, nc, algorithm);
        return true;
    }

    private static bool Is(ReadOnlySpan<char> text, string expected) => text.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static int SkipSpaces(ReadOnlySpan<char> span, int pos)
    {
        while (pos < span.Length && span[pos] is ' ' or '\t' or '\r' or '\n')
            pos++;
        return pos;
    }

    private static bool TryReadParameter(ReadOnlySpan<char> span, ref int pos, out Range name, out Range value)
    {
        value = default;
        var start = pos;
        while (pos < span.Length && IsTokenChar(span[pos]))
            pos++;
        name = start..pos;
        if (pos == start)
            return false;
        pos = SkipSpaces(span, pos);
        if (pos == span.Length || span[pos] != '=')
            return false;
        pos = SkipSpaces(span, pos + 1);
        if (pos < span.Length && span[pos] == '"')
        {
            var close = span[(pos + 1)..].IndexOfAny('"', '\\');
            if (close < 0 || span[pos + 1 + close] == '\\')
                return false;
            value = (pos + 1)..(pos + 1 + close);
            pos += close + 2;
            return true;
        }
        start = pos;
        while (pos < span.Length && IsTokenChar(span[pos]))
            pos++;
        value = start..pos;
        return pos > start;
    }

    // RFC 7230 3.2.6 tchar, plus '/' ':' '@' which some phones leave unquoted in uri.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or '/' or ':' or '@';

    [Flags]
    private enum Seen
    {
        None = 0,
        Username = 1,
        Realm = 2,
        Nonce = 4,
        Uri = 8,
        Response = 16,
        Cnonce = 32,
        Qop = 64,
        NonceCount = 128,
        All = 255,
    }
}
