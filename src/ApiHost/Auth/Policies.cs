using Microsoft.AspNetCore.Authorization;

namespace Pbx.ApiHost.Auth;

/// <summary>Authorization policies; every endpoint names one, so no endpoint is open by accident.</summary>
public static class Policies
{
    /// <summary>Admins only: configuration changes (users, extensions, DID numbers, deletions).</summary>
    public const string Admin = "admin";

    /// <summary>Admins and operators: call actions, broadcasts, live views.</summary>
    public const string Operator = "operator";

    /// <summary>Any signed-in user: reads.</summary>
    public const string Viewer = "viewer";

    internal static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
        .AddPolicy(Operator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Operator))
        .AddPolicy(Viewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Operator, Roles.Viewer));
}
