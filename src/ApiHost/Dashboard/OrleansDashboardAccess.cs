using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Dashboard;

/// <summary>
/// Where the Orleans dashboard is served and how an admin's browser reaches it. The dashboard's page fetches its data
/// with plain same-origin requests that cannot carry an Authorization header, so an admin first calls
/// <c>POST /api/v1/auth/dashboard-session</c> with the bearer token; the answer stores that same token in an HttpOnly,
/// SameSite=Strict cookie scoped to <see cref="Path"/> and expiring with the token. Requests under <see cref="Path"/>
/// are then authenticated from the cookie exactly as a bearer token is (<see cref="DashboardTokenFromCookie"/>), and
/// the endpoints there require <see cref="Policies.Admin"/>.
/// </summary>
public static class OrleansDashboardAccess
{
    /// <summary>The dashboard's route prefix; its page is <c>/admin/orleans/</c>.</summary>
    public const string Path = "/admin/orleans";

    /// <summary>The cookie that carries the admin's token to the dashboard, and only there (its Path attribute).</summary>
    public const string CookieName = "pbx_dashboard";

    /// <summary>The dashboard loads its own script module, stylesheet and fonts, draws inline styles and data: images.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'none'";

    internal static RouteHandlerBuilder MapDashboardSession(this RouteGroupBuilder auth) => auth
        .MapPost("/dashboard-session", StartSession)
        .RequireAuthorization(Policies.Admin)
        .WithSummary("Let this browser open the Orleans dashboard at /admin/orleans/")
        .WithDescription("Admins only. Sets an HttpOnly cookie, valid for /admin/orleans only and until the bearer token expires, carrying the same token; then open /admin/orleans/ in the same browser.");

    internal static Results<NoContent, UnauthorizedHttpResult> StartSession(HttpContext context)
    {
        // The admin policy passed, so the request carries a valid bearer token in its Authorization header (the only
        // other token source, the hub's query string, applies to the hub's path alone).
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 } token)
            return TypedResults.Unauthorized();
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Strict: no other site can make the browser send it, so the dashboard needs no CSRF token.
            SameSite = SameSiteMode.Strict,
            Expires = new JsonWebToken(token).ValidTo,
        });
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.NoContent();
    }
}
