using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// One generation of the token keys: the current key, which signs, and the keys that still validate (the current one first,
/// then <see cref="JwtOptions.PreviousSigningKeys"/>). Each key's id (<c>kid</c>, RFC 7515 4.1.4) is derived from the key,
/// so an operator never names keys: moving the old key into the previous list keeps its id, and its tokens keep working.
/// </summary>
internal sealed class JwtKeySet
{
    private JwtKeySet(SymmetricSecurityKey signing, IReadOnlyList<SymmetricSecurityKey> validating)
    {
        Signing = new SigningCredentials(signing, SecurityAlgorithms.HmacSha256);
        Validating = validating;
    }

    /// <summary>What new tokens are signed with; its key id goes in their header.</summary>
    public SigningCredentials Signing { get; }

    /// <summary>Every key a token may be signed with: the current one first.</summary>
    public IReadOnlyList<SymmetricSecurityKey> Validating { get; }

    public static JwtKeySet From(JwtOptions options)
    {
        var current = Key(options.SigningKey is { Length: > 0 } key ? key : throw new InvalidOperationException($"{JwtOptions.Section}:SigningKey is not set."));
        var validating = new List<SymmetricSecurityKey> { current };
        foreach (var previous in options.PreviousSigningKeys)
        {
            // A blank entry is an emptied slot (an environment variable set to ""), not a key.
            if (!string.IsNullOrWhiteSpace(previous) && !validating.Exists(k => k.KeyId == KeyId(previous)))
                validating.Add(Key(previous));
        }
        return new JwtKeySet(current, validating);
    }

    /// <summary>
    /// The keys a token naming <paramref name="keyId"/> may be checked with: that key alone, none when it is no longer
    /// configured, or all of them for a token without a <c>kid</c> (issued before tokens carried one).
    /// </summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? Validating : Validating.Where(k => k.KeyId == keyId);

    /// <summary>The same keys as <paramref name="other"/>, in the same roles.</summary>
    public bool SameAs(JwtKeySet other) =>
        Validating.Select(k => k.KeyId).SequenceEqual(other.Validating.Select(k => k.KeyId), StringComparer.Ordinal);

    /// <summary>
    /// The id of <paramref name="key"/>: the first 8 bytes of its SHA-256, in hex. It names the key in tokens and logs without
    /// revealing it (the key has at least 256 bits; 64 bits of its hash tell nothing usable about it).
    /// </summary>
    public static string KeyId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));

    private static SymmetricSecurityKey Key(string key) => new(Encoding.UTF8.GetBytes(key)) { KeyId = KeyId(key) };
}
