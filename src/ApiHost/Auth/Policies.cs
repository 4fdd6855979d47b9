using Microsoft.AspNetCore.Authorization;

namespace Pbx.ApiHost.Auth;

/// <summary>Authorization policies; every endpoint names one, so no endpoint is open by accident.</summary>
public static class Policies
{
    /// <summary>Admins only: configuration changes (users, extensions, DID numbers, deletions).</summary>
    public const string Admin = "admin";

    /// <summary>Admins and operators: call actions, broadcasts, live views.</summary>
    public const string Operator = "operator";

    /// <summary>Admins, operators and viewers: reads of everything, the configuration included.</summary>
    public const string Viewer = "viewer";

    /// <summary>
    /// Any signed-in user, phone users included: what is cut to the user's own extension for them (calls, recordings, live
    /// views, the extension directory, their own phone and preferences; <see cref="UserScope"/>).
    /// </summary>
    public const string SignedIn = "signed-in";

    internal static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
        .AddPolicy(Operator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Operator))
        .AddPolicy(Viewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Operator, Roles.Viewer))
        .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.ToArray()));
}
