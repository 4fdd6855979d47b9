using Microsoft.AspNetCore.Builder;
using Orleans.Dashboard;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Dashboard;

namespace Pbx.Silo.Hosting;

/// <summary>
/// The Orleans dashboard, served by the API role for admins. It is mapped here rather than in ApiHost because ApiHost
/// depends on the grain contracts only, not on the Orleans runtime packages the dashboard brings; the path, the cookie
/// that carries an admin's token to it and its content security policy are ApiHost's (<see cref="OrleansDashboardAccess"/>).
/// </summary>
public static class OrleansDashboardEndpoints
{
    /// <summary>
    /// Maps the dashboard's page and data endpoints under <see cref="OrleansDashboardAccess.Path"/>, each requiring
    /// <see cref="Policies.Admin"/>. Needs the dashboard's services: <c>AddDashboard</c> on the silo (all-in-one) or on
    /// the cluster client (API alone), both done by <see cref="SiloServiceCollectionExtensions.AddSilo"/> and
    /// <see cref="ClusterClientServiceCollectionExtensions.AddClusterClient"/>.
    /// </summary>
    public static WebApplication MapOrleansDashboardForAdmins(this WebApplication app)
    {
        app.MapOrleansDashboard(OrleansDashboardAccess.Path).RequireAuthorization(Policies.Admin);
        return app;
    }
}
