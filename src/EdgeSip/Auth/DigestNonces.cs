using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Stateless nonces (RFC 7616 section 3.3 suggests "time-stamp H(time-stamp ":" ETag ":" secret)"): issue time, a
/// counter and an HMAC-SHA256 under a random key made when the process starts. Checking one is a base64 decode and one
/// HMAC, with nothing stored. Nonces from before a restart fail the MAC and are answered stale=true, which phones
/// retry without asking the user.
/// </summary>
public sealed class DigestNonces
{
    private const int TimeLength = 8;
    private const int CounterLength = 4;
    private const int MacLength = 16;
    private const int NonceBytes = TimeLength + CounterLength + MacLength;

    /// <summary>Length of every nonce this class issues, in characters (base64url of 28 bytes, unpadded).</summary>
    public const int NonceLength = (NonceBytes * 4 + 2) / 3;

    // Clocks of edge nodes sharing one key never differ here (the key is per process), so only tolerate rounding.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromSeconds(1);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private int _counter;

    /// <summary>Creates the nonce source with a fresh random key.</summary>
    public DigestNonces(TimeProvider time, IOptions<DigestOptions> options)
    {
        _time = time;
        _lifetime = options.Value.NonceLifetime;
    }

    /// <summary>A new nonce for a challenge.</summary>
    public string Issue()
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(nonce[TimeLength..], Interlocked.Increment(ref _counter));
        Sign(nonce[..(TimeLength + CounterLength)], nonce[(TimeLength + CounterLength)..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>
    /// Checks that <paramref name="text"/> is a nonce this process issued and that it has not expired.
    /// <paramref name="nonce"/> is set whenever the MAC verifies, expired or not.
    /// </summary>
    public bool IsCurrent(ReadOnlySpan<char> text, out DigestNonce nonce)
    {
        nonce = default;
        Span<byte> bytes = stackalloc byte[NonceBytes];
        if (text.Length != NonceLength || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != NonceBytes)
            return false;
        Span<byte> expected = stackalloc byte[MacLength];
        Sign(bytes[..(TimeLength + CounterLength)], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[(TimeLength + CounterLength)..]))
            return false;
        var issuedAt = BinaryPrimitives.ReadInt64BigEndian(bytes);
        nonce = new DigestNonce(issuedAt, BinaryPrimitives.ReadUInt64LittleEndian(expected) | 1);
        var age = _time.GetUtcNow().ToUnixTimeMilliseconds() - issuedAt;
        return age >= -FutureTolerance.TotalMilliseconds && age < _lifetime.TotalMilliseconds;
    }

    private void Sign(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, data, full);
        full[..mac.Length].CopyTo(mac);
    }
}
