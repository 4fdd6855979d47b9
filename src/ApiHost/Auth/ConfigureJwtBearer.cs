using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>Validates incoming bearer tokens with the keys, issuer and audience the <see cref="TokenIssuer"/> uses.</summary>
internal sealed class ConfigureJwtBearer(IOptions<JwtOptions> jwtOptions, JwtSigningKeys keys) : IConfigureNamedOptions<JwtBearerOptions>
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
            // Asked per token rather than fixed here (the bearer options are built once): a rotated key applies at once.
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RoleClaimType = TokenIssuer.RoleClaim,
            NameClaimType = TokenIssuer.NameClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        // A signature is not enough: the user's row must still back the session (SessionRule), read on every request (one
        // lookup by key; the API's traffic is an operator's, not a phone's).
        (options.Events ??= new JwtBearerEvents()).OnTokenValidated = async context =>
        {
            var principal = context.Principal!;
            var users = context.HttpContext.RequestServices.GetRequiredService<UserRepository>();
            ApiUser? user;
            try
            {
                user = TokenIssuer.UserId(principal) is { } id ? await users.GetAsync(id, context.HttpContext.RequestAborted) : null;
            }
            catch (System.Data.Common.DbException)
            {
                // PostgreSQL is away: the signature and expiry still hold, so the token is taken as it stands; what needs the
                // database fails on its own (500), while health checks and call actions served by grains keep working.
                return;
            }
            if (SessionRule.Ended(TokenIssuer.SessionVersion(principal), principal.FindFirst(TokenIssuer.RoleClaim)?.Value, user) is { } reason)
                context.Fail($"The session has ended: {reason}.");
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
