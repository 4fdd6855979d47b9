namespace Pbx.EdgeSip.Auth;

/// <summary>Digest nonces, section <c>Sip:Auth</c>.</summary>
public sealed class DigestOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sip:Auth";

    private const int MaxUserAgentPatternLength = 200;

    /// <summary>How long a nonce is accepted; afterwards a correct response gets 401 with stale=true (10 s to 1 day).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether every challenge offers SHA-256 (first) besides MD5, as RFC 8760 section 2.4 describes. Off by default: many
    /// agents read only the first challenge and fail on an algorithm they lack (baresip 1.0, sipp 3.6), so MD5 alone is
    /// what every phone accepts. SHA-256 responses are accepted either way.
    /// </summary>
    public bool OfferSha256 { get; set; }

    /// <summary>
    /// User-Agent patterns (<c>*</c> for any run of characters, case-insensitive, whole header) of agents that are offered
    /// SHA-256 first even when <see cref="OfferSha256"/> is off: <c>Linphone*</c>.
    /// </summary>
    public List<string> Sha256UserAgents { get; set; } = [];

    /// <summary>
    /// Slots of the nonce-count table (power of two, 1,024 to 16,777,216; 24 bytes each). Size it for the nonces in use
    /// within <see cref="NonceLifetime"/>; when it overflows, older nonces are answered stale=true, never accepted twice.
    /// </summary>
    public int NonceCountCapacity { get; set; } = 1 << 18;

    /// <summary>Every invalid setting, each naming its configuration key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (NonceLifetime < TimeSpan.FromSeconds(10) || NonceLifetime > TimeSpan.FromDays(1))
            errors.Add($"{SectionName}:{nameof(NonceLifetime)} is {NonceLifetime}; it must be between 00:00:10 and 1.00:00:00.");
        for (var i = 0; i < Sha256UserAgents.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Sha256UserAgents[i]) || Sha256UserAgents[i].Length > MaxUserAgentPatternLength)
                errors.Add($"{SectionName}:{nameof(Sha256UserAgents)}:{i} is \"{Sha256UserAgents[i]}\"; it must be 1 to {MaxUserAgentPatternLength} characters.");
        }
        if (NonceCountCapacity is < 1024 or > 1 << 24 || !int.IsPow2(NonceCountCapacity))
            errors.Add($"{SectionName}:{nameof(NonceCountCapacity)} is {NonceCountCapacity}; it must be a power of two between 1024 and 16777216.");
        return errors;
    }
}
