using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>Mints HMAC-SHA256 signed JWTs (RFC 7519) carrying the user's id, name and role, and the signing key's id in <c>kid</c>.</summary>
internal sealed class TokenIssuer(IOptions<JwtOptions> options, JwtSigningKeys keys, TimeProvider clock)
{
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    /// <summary>The user's session version when the token was issued (<see cref="SessionRule"/>).</summary>
    public const string SessionClaim = "sv";

    /// <summary>The user's own extension (<see cref="UserScope"/>); absent when none is linked.</summary>
    public const string ExtensionClaim = "ext";

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The user id a token of this issuer carries in <c>sub</c>.</summary>
    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The session version a token of this issuer carries.</summary>
    public static int? SessionVersion(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirst(SessionClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null;

    public TokenResponse Issue(ApiUser user)
    {
        var jwt = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.AddMinutes(jwt.LifetimeMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Subject = new ClaimsIdentity(Claims(user)),
            SigningCredentials = keys.Signing,
        });
        return new TokenResponse(token, "Bearer", expires, jwt.LifetimeMinutes * 60, user.Username, user.Role);
    }

    private static IEnumerable<Claim> Claims(ApiUser user)
    {
        yield return new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new Claim(NameClaim, user.Username);
        yield return new Claim(RoleClaim, user.Role);
        yield return new Claim(SessionClaim, user.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32);
        if (!string.IsNullOrEmpty(user.ExtensionNumber))
            yield return new Claim(ExtensionClaim, user.ExtensionNumber);
    }
}
