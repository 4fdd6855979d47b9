using System.Security.Cryptography;
using System.Text;

namespace Pbx.EdgeSip.Tests.Auth;

/// <summary>What a phone does with a challenge: an independent, string-based implementation of RFC 7616 3.4.1 for the tests.</summary>
internal static class DigestClient
{
    public static string Authorization(string algorithm, string username, string realm, string password, string nonce,
        string method, string uri, uint nc, string cnonce = "0a4f113b")
    {
        var ha1 = Hash(algorithm, $"{username}:{realm}:{password}");
        var ha2 = Hash(algorithm, $"{method}:{uri}");
        var ncText = nc.ToString("x8");
        var response = Hash(algorithm, $"{ha1}:{nonce}:{ncText}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", "
            + $"response=\"{response}\", algorithm={algorithm}, qop=auth, nc={ncText}, cnonce=\"{cnonce}\"";
    }

    /// <summary>The nonce parameter of a WWW-Authenticate value.</summary>
    public static string NonceOf(string challenge)
    {
        var start = challenge.IndexOf("nonce=\"", StringComparison.Ordinal) + 7;
        return challenge[start..challenge.IndexOf('"', start)];
    }

    private static string Hash(string algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(algorithm == "SHA-256" ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }
}
