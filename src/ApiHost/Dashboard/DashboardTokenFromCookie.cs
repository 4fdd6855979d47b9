using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Dashboard;

/// <summary>
/// The Orleans dashboard's page and its data requests cannot set an Authorization header, so under
/// <see cref="OrleansDashboardAccess.Path"/> the bearer token is also read from the cookie that
/// <c>POST /api/v1/auth/dashboard-session</c> sets.
/// </summary>
internal sealed class DashboardTokenFromCookie : BearerTokenElsewhere
{
    protected override string? TokenOf(HttpRequest request) =>
        request.Path.StartsWithSegments(OrleansDashboardAccess.Path) ? request.Cookies[OrleansDashboardAccess.CookieName] : null;
}
