using System.Globalization;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Which digest <c>uri</c> is accepted for a Request-URI. RFC 2617 section 3.2.2.5 asks for "the same resource" so that a
/// response cannot be moved to another request; byte equality, though, refuses what real agents send: sipp answers every
/// challenge with <c>sip:host:port</c> of the server (no user), others add or drop the default port or URI parameters.
/// The rule: both are SIP URIs with the same scheme, host (case-insensitive) and port (the scheme's default when absent),
/// and the digest uri's user, when it has one, is the Request-URI's user; parameters and headers do not count. Replays stay
/// refused by what else the response is bound to: the nonce (ours, HMAC-signed, short-lived), the nonce count (each used
/// once), the method and the realm. What a digest uri without a user gives up is only what the agent chose not to sign:
/// a man in the middle could change the number dialled, never reuse the response for another request or another server.
/// </summary>
public static class DigestUriRule
{
    private const int SipPort = 5060;
    private const int SipsPort = 5061;

    /// <summary>True when a response computed over <paramref name="digestUri"/> may authenticate a request to <paramref name="requestUri"/>.</summary>
    public static bool Matches(ReadOnlySpan<char> digestUri, ReadOnlySpan<char> requestUri)
    {
        if (digestUri.SequenceEqual(requestUri))
            return true;
        if (!TrySplit(digestUri, out var signed) || !TrySplit(requestUri, out var target))
            return false;
        return signed.Scheme.Equals(target.Scheme, StringComparison.OrdinalIgnoreCase)
            && signed.Host.Equals(target.Host, StringComparison.OrdinalIgnoreCase)
            && signed.Port == target.Port
            // RFC 3261 19.1.4: the user part compares case-sensitively.
            && (signed.User.IsEmpty || signed.User.SequenceEqual(target.User));
    }

    /// <summary>Scheme, user, host and port of a sip: or sips: URI (RFC 3261 19.1.1); false for any other URI.</summary>
    private static bool TrySplit(ReadOnlySpan<char> uri, out Parts parts)
    {
        parts = default;
        var colon = uri.IndexOf(':');
        if (colon <= 0)
            return false;
        var scheme = uri[..colon];
        var secure = scheme.Equals("sips", StringComparison.OrdinalIgnoreCase);
        if (!secure && !scheme.Equals("sip", StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = uri[(colon + 1)..];
        // Parameters and headers cannot hold '@' (RFC 3261 25.1 paramchar, hnv-unreserved), so the last one ends the userinfo.
        var at = rest.LastIndexOf('@');
        var user = at < 0 ? [] : rest[..at];
        var password = user.IndexOf(':');
        if (password >= 0)
            user = user[..password];
        var hostPort = rest[(at + 1)..];
        var end = hostPort.IndexOfAny(';', '?');
        if (end >= 0)
            hostPort = hostPort[..end];
        // An IPv6 reference keeps its brackets; the port is what follows the closing one.
        var hostEnd = hostPort.StartsWith('[') ? hostPort.IndexOf(']') + 1 : hostPort.IndexOf(':');
        if (hostEnd < 0)
            hostEnd = hostPort.Length;
        if (hostEnd == 0)
            return false;
        var port = secure ? SipsPort : SipPort;
        var portText = hostPort[hostEnd..];
        if (!portText.IsEmpty && (portText[0] != ':' || !int.TryParse(portText[1..], NumberStyles.None, CultureInfo.InvariantCulture, out port)))
            return false;
        parts = new Parts(scheme, user, hostPort[..hostEnd], port);
        return true;
    }

    private readonly ref struct Parts(ReadOnlySpan<char> scheme, ReadOnlySpan<char> user, ReadOnlySpan<char> host, int port)
    {
        public ReadOnlySpan<char> Scheme { get; } = scheme;
        public ReadOnlySpan<char> User { get; } = user;
        public ReadOnlySpan<char> Host { get; } = host;
        public int Port { get; } = port;
    }
}
