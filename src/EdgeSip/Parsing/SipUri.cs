using System.Globalization;
using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// A SIP, SIPS (RFC 3261 19.1) or tel (RFC 3966) URI; any other scheme is kept opaque. <see cref="ToString"/> gives back
/// the text it was parsed from until a part is changed, so a URI a phone sent is echoed byte for byte.
/// </summary>
public sealed class SipUri
{
    private string? _text;

    private SipUri(string scheme)
    {
        Scheme = scheme;
    }

    /// <summary>"sip", "sips", "tel" or another scheme, lower case.</summary>
    public string Scheme { get; }

    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>User part with %HH escapes decoded (a decoded %00 stays in the string, RFC 4475 3.1.1.4); the number for tel.</summary>
    public string? User { get; private set; }

    public string? Password { get; private set; }

    /// <summary>Host name, IPv4 address or IPv6 reference with its brackets; empty for tel and opaque URIs.</summary>
    public string Host { get; private set; } = "";

    public int? Port { get; private set; }

    public SipParameters Parameters { get; private set; } = new();

    /// <summary>The "?h=v&amp;..." part without the "?", still escaped (RFC 4475 3.3.14: it stays inside the URI).</summary>
    public string? Headers { get; private set; }

    /// <summary>Everything after "scheme:" for schemes other than sip, sips and tel.</summary>
    public string? Opaque { get; private set; }

    public static SipUri Sip(string? user, string host, int? port = null, string scheme = "sip") =>
        new(scheme) { User = user, Host = host, Port = port };

    public SipUri WithParameter(string name, string? value)
    {
        Parameters.Set(name, value);
        _text = null;
        return this;
    }

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"Not a URI: '{text}'");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !SipGrammar.IsScheme(Encoding.ASCII.GetBytes(text[..colon])))
            return false;
        var parsed = new SipUri(text[..colon].ToLowerInvariant()) { _text = text };
        var rest = text[(colon + 1)..];
        var ok = parsed.Scheme switch
        {
            "sip" or "sips" => parsed.ParseSip(rest),
            "tel" => parsed.ParseTel(rest),
            _ => (parsed.Opaque = rest).Length > 0,
        };
        uri = ok ? parsed : null;
        return ok;
    }

    private bool ParseSip(string rest)
    {
        // No '@' can appear unescaped in params or headers, so the first one ends userinfo.
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var pw = userinfo.IndexOf(':', StringComparison.Ordinal);
            User = Unescape(pw < 0 ? userinfo : userinfo[..pw]);
            Password = pw < 0 ? null : Unescape(userinfo[(pw + 1)..]);
            rest = rest[(at + 1)..];
        }
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            Headers = rest[(question + 1)..];
            rest = rest[..question];
        }
        var semi = rest.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0)
        {
            Parameters = SipParameters.FromUri(rest[(semi + 1)..]);
            rest = rest[..semi];
        }
        var portColon = rest.StartsWith('[') ? rest.IndexOf(':', rest.IndexOf(']', StringComparison.Ordinal) + 1) : rest.IndexOf(':', StringComparison.Ordinal);
        if (portColon >= 0)
        {
            if (!int.TryParse(rest.AsSpan(portColon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                return false;
            Port = port;
            rest = rest[..portColon];
        }
        Host = rest;
        return Host.Length > 0 && (!Host.StartsWith('[') || Host.EndsWith(']'));
    }

    private bool ParseTel(string rest)
    {
        var semi = rest.IndexOf(';', StringComparison.Ordinal);
        User = semi < 0 ? rest : rest[..semi];
        if (semi >= 0)
            Parameters = SipParameters.FromUri(rest[(semi + 1)..]);
        return User.Length > 0;
    }

    /// <summary>%HH to the byte it names (RFC 3261 19.1.4); a '%' not followed by two hex digits stays as it is.</summary>
    private static string Unescape(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
            return value;
        var bytes = new List<byte>(value.Length);
        var source = Encoding.UTF8.GetBytes(value);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == (byte)'%' && i + 2 < source.Length && Uri.IsHexDigit((char)source[i + 1]) && Uri.IsHexDigit((char)source[i + 2]))
            {
                bytes.Add(Convert.ToByte(Encoding.ASCII.GetString(source, i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(source[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Escape(string user)
    {
        var text = new StringBuilder(user.Length);
        foreach (var b in Encoding.UTF8.GetBytes(user))
        {
            // unreserved / user-unreserved of RFC 3261 25.1 pass as they are; everything else is %HH.
            if (char.IsAsciiLetterOrDigit((char)b) || "-_.!~*'()&=+$,;?/".Contains((char)b, StringComparison.Ordinal))
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public override string ToString()
    {
        if (_text is not null)
            return _text;
        var text = new StringBuilder(Scheme).Append(':');
        if (Opaque is not null)
            return text.Append(Opaque).ToString();
        if (Scheme == "tel")
        {
            text.Append(User);
        }
        else
        {
            if (User is not null)
            {
                text.Append(Escape(User));
                if (Password is not null)
                    text.Append(':').Append(Escape(Password));
                text.Append('@');
            }
            text.Append(Host);
            if (Port is { } port)
                text.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }
        Parameters.AppendTo(text);
        if (Headers is not null)
            text.Append('?').Append(Headers);
        return _text = text.ToString();
    }
}
