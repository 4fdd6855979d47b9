namespace Pbx.ApiHost.Auth;

/// <summary>Access-token settings, section <c>Api:Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Api:Jwt";

    /// <summary>
    /// Used only in the Development environment when <c>Api:Jwt:SigningKey</c> is unset; refused anywhere else,
    /// because it is public in the source and anyone could mint an admin token with it.
    /// </summary>
    public const string DevelopmentSigningKey = "pbx-development-signing-key-do-not-use-in-production";

    /// <summary>HMAC-SHA256 requires a key of at least 256 bits (RFC 7518 3.2).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>HMAC-SHA256 secret, at least 32 bytes of UTF-8: signs new tokens, and validates them.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that signed tokens before <see cref="SigningKey"/> replaced them: they still validate, so a rotation signs
    /// nobody out. Remove one once the tokens it signed have expired (<see cref="LifetimeMinutes"/>); its tokens are refused from then on.
    /// </summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    public string Issuer { get; set; } = "pbx";

    public string Audience { get; set; } = "pbx-api";

    /// <summary>Token lifetime in minutes, 1 to 1440.</summary>
    public int LifetimeMinutes { get; set; } = 60;
}
