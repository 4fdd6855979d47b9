using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Pbx.Grains.Calls;

/// <summary>
/// Call-IDs of the legs the PBX starts, and the call a Call-ID leads to. A call's key is its caller's Call-ID, so a request
/// on the caller's dialog finds the call as it is. A leg toward one of our phones carries the key in its Call-ID
/// (<c>random.base64url(key)@pbx</c>, RFC 3261 <c>word</c> characters only), so a BYE or re-INVITE on it reaches the call
/// from any edge with no lookup: a grain activation and a database read per leg less than a Call-ID directory. A leg
/// toward a carrier gets a random Call-ID only (the caller's Call-ID, which may name a phone's address, stays inside); it,
/// and a leg handed from one call to another, are found through <see cref="ICallLegGrain"/>.
/// </summary>
public static class LegCallIds
{
    private const string Host = "@pbx";
    private const char Separator = '.';

    // 64 random bits as 16 hex digits: RFC 3261 8.1.1.4 asks for a globally unique Call-ID; the tags carry their own randomness.
    private const int RandomLength = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A new Call-ID for a leg of <paramref name="callKey"/> toward one of our phones.</summary>
    public static string ToPhone(string callKey) => $"{Random()}{Separator}{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(callKey))}{Host}";

    /// <summary>A new Call-ID for a leg toward a carrier: it names nothing inside.</summary>
    public static string ToCarrier() => $"{Random()}{Host}";

    /// <summary>
    /// The key of the call <paramref name="callId"/> leads to without a lookup: the key a phone leg carries, else the Call-ID
    /// itself (a caller's dialog); null for a carrier leg, which only <see cref="ICallLegGrain"/> knows.
    /// </summary>
    public static string? CallKeyOf(string callId)
    {
        if (!callId.EndsWith(Host, StringComparison.Ordinal))
            return callId;
        var local = callId.AsSpan(0, callId.Length - Host.Length);
        if (local.Length == RandomLength && IsRandom(local))
            return null;
        // Anything but exactly our shape is a phone's own Call-ID that happens to end in @pbx: the Call-ID is the key.
        if (local.Length <= RandomLength + 1 || local[RandomLength] != Separator || !IsRandom(local[..RandomLength]))
            return callId;
        var encoded = local[(RandomLength + 1)..];
        // TryDecodeFromChars throws on a character outside the alphabet: a phone's Call-ID must not crash the edge.
        if (!Base64Url.IsValid(encoded))
            return callId;
        var key = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (!Base64Url.TryDecodeFromChars(encoded, key, out var written))
            return callId;
        try
        {
            return StrictUtf8.GetString(key, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return callId;
        }
    }

    /// <summary>
    /// True when the PBX chose <paramref name="callId"/> (a leg it started), which decides who waits longer after a re-INVITE
    /// glare (RFC 3261 14.1); a phone's Call-ID that happens to end in @pbx counts as ours, which only lengthens that wait.
    /// </summary>
    public static bool ChosenByPbx(string callId) => callId.EndsWith(Host, StringComparison.Ordinal);

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomLength / 2));

    private static bool IsRandom(ReadOnlySpan<char> text) => !text.ContainsAnyExcept("0123456789abcdef");
}
