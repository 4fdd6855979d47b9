using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Dashboard;

/// <summary>
/// The Orleans dashboard's page and its data requests cannot set an Authorization header, so under
/// <see cref="OrleansDashboardAccess.Path"/> the bearer token is also read from the cookie that
/// <c>POST /api/v1/auth/dashboard-session</c> sets; it is validated like any bearer token (key, issuer, audience, expiry).
/// </summary>
internal sealed class DashboardTokenFromCookie : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
            return;
        var events = options.Events ??= new JwtBearerEvents();
        var previous = events.OnMessageReceived;
        events.OnMessageReceived = async context =>
        {
            await previous(context);
            if (context.Token is null
                && context.HttpContext.Request.Path.StartsWithSegments(OrleansDashboardAccess.Path)
                && context.Request.Cookies[OrleansDashboardAccess.CookieName] is { Length: > 0 } token)
                context.Token = token;
        };
    }
}
