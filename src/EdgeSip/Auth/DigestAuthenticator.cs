using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Digest access authentication for SIP (RFC 3261 section 22, RFC 7616, RFC 8760) over header value strings: issues
/// challenges and checks credentials against an extension's stored HA1, with qop=auth only. Allocation-free on the check.
/// </summary>
public sealed class DigestAuthenticator(DigestNonces nonces, NonceCountTable nonceCounts, TimeProvider time, IOptions<DigestOptions> options)
{
    private readonly Sha256Offer _sha256Offer = new(options.Value);

    // Longest method ":" uri and HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2 we hash; longer input is refused as a wrong response.
    private const int MaxHashInput = 2048;
    private const int MaxHexLength = 64;

    /// <summary>
    /// A fresh challenge for <paramref name="realm"/>: MD5, preceded by SHA-256 (RFC 8760 section 2.4) where
    /// <see cref="Sha256Offer"/> says the agent takes it.
    /// </summary>
    /// <param name="realm">The realm the extension's HA1 values were computed for.</param>
    /// <param name="stale">True when the previous request had a valid response but an expired nonce (RFC 7616 section 3.3).</param>
    /// <param name="userAgent">The request's User-Agent header, empty when it has none.</param>
    public DigestChallenge Challenge(string realm, bool stale, ReadOnlySpan<char> userAgent)
    {
        var nonce = nonces.Issue();
        var tail = stale ? ", qop=\"auth\", stale=true" : ", qop=\"auth\"";
        return new DigestChallenge(
            _sha256Offer.AppliesTo(userAgent) ? $"Digest realm=\"{realm}\", nonce=\"{nonce}\", algorithm=SHA-256{tail}" : null,
            $"Digest realm=\"{realm}\", nonce=\"{nonce}\", algorithm=MD5{tail}");
    }

    /// <summary>Checks <paramref name="credentials"/> for a request against the extension's stored HA1 values.</summary>
    /// <param name="credentials">The parsed Authorization or Proxy-Authorization value.</param>
    /// <param name="method">The request method ("REGISTER", "INVITE").</param>
    /// <param name="requestUri">The request's Request-URI, which the digest uri must name (<see cref="DigestUriRule"/>).</param>
    /// <param name="stored">The extension's realm and HA1 values.</param>
    public DigestVerdict Verify(in DigestCredentials credentials, ReadOnlySpan<char> method, ReadOnlySpan<char> requestUri, ExtensionCredentials stored)
    {
        var ha1 = credentials.Algorithm == DigestAlgorithm.Sha256 ? stored.Ha1Sha256 : stored.Ha1Md5;
        // A response computed for another realm cannot match this HA1; checking first keeps it a plain wrong response.
        if (!credentials.Realm.SequenceEqual(stored.Realm) || !ResponseMatches(credentials, method, ha1))
            return DigestVerdict.WrongResponse;
        // RFC 2617 3.2.2.5: the digest-uri must name the request's target, or the response could be replayed elsewhere.
        if (!DigestUriRule.Matches(credentials.Uri, requestUri))
            return DigestVerdict.UriMismatch;
        // Only now, with the password proven (RFC 7616 3.3: stale means "the digest was valid"), judge the nonce.
        if (!nonces.IsCurrent(credentials.Nonce, out var nonce))
            return DigestVerdict.StaleNonce;
        return nonceCounts.Check(nonce, credentials.NonceCount, time.GetUtcNow().ToUnixTimeMilliseconds()) switch
        {
            NonceCountResult.Accepted => DigestVerdict.Valid,
            NonceCountResult.Replayed => DigestVerdict.ReplayedNonceCount,
            _ => DigestVerdict.StaleNonce,
        };
    }

    /// <summary>
    /// The expected response, lower-case hex: H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(method ":" uri))
    /// (RFC 7616 section 3.4.1, RFC 2617 section 3.2.2.1).
    /// </summary>
    internal static int ComputeResponse(in DigestCredentials credentials, ReadOnlySpan<char> method, ReadOnlySpan<char> ha1, Span<byte> hexResponse)
    {
        Span<byte> input = stackalloc byte[MaxHashInput];
        var length = 0;
        if (!Append(input, ref length, method) || !Append(input, ref length, ":") || !Append(input, ref length, credentials.Uri))
            return 0;
        Span<byte> ha2 = stackalloc byte[MaxHexLength];
        var ha2Length = HashToHex(credentials.Algorithm, input[..length], ha2);

        Span<char> nc = stackalloc char[8];
        credentials.FormatNonceCount(nc);
        length = 0;
        if (!Append(input, ref length, ha1) || !Append(input, ref length, ":") || !Append(input, ref length, credentials.Nonce)
            || !Append(input, ref length, ":") || !Append(input, ref length, nc) || !Append(input, ref length, ":")
            || !Append(input, ref length, credentials.Cnonce) || !Append(input, ref length, ":auth:"))
            return 0;
        if (length + ha2Length > input.Length)
            return 0;
        ha2[..ha2Length].CopyTo(input[length..]);
        length += ha2Length;
        return HashToHex(credentials.Algorithm, input[..length], hexResponse);
    }

    private static bool ResponseMatches(in DigestCredentials credentials, ReadOnlySpan<char> method, string ha1)
    {
        Span<byte> expected = stackalloc byte[MaxHexLength];
        var expectedLength = ComputeResponse(credentials, method, ha1, expected);
        var received = credentials.Response;
        if (expectedLength == 0 || received.Length != expectedLength)
            return false;
        Span<byte> receivedLower = stackalloc byte[MaxHexLength];
        for (var i = 0; i < received.Length; i++)
            receivedLower[i] = (byte)char.ToLowerInvariant(received[i]);
        return CryptographicOperations.FixedTimeEquals(expected[..expectedLength], receivedLower[..expectedLength]);
    }

    private static bool Append(Span<byte> buffer, ref int length, ReadOnlySpan<char> text)
    {
        if (!Encoding.UTF8.TryGetBytes(text, buffer[length..], out var written))
            return false;
        length += written;
        return true;
    }

    private static int HashToHex(DigestAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> hex)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var hashLength = algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(data, hash) : MD5.HashData(data, hash);
        for (var i = 0; i < hashLength; i++)
        {
            hex[2 * i] = (byte)"0123456789abcdef"[hash[i] >> 4];
            hex[2 * i + 1] = (byte)"0123456789abcdef"[hash[i] & 0xF];
        }
        return hashLength * 2;
    }
}
