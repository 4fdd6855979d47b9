using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Pbx.ApiHost.Auth;

/// <summary>Validates incoming bearer tokens with the same key, issuer and audience the <see cref="TokenIssuer"/> uses.</summary>
internal sealed class ConfigureJwtBearer(IOptions<JwtOptions> jwtOptions) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
            return;
        var jwt = jwtOptions.Value;
        // Keep claim names as issued ("role", "name", "sub") instead of mapping them to long WS-* URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = string.IsNullOrEmpty(jwt.SigningKey) ? null : TokenIssuer.SigningKey(jwt),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RoleClaimType = TokenIssuer.RoleClaim,
            NameClaimType = TokenIssuer.NameClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
