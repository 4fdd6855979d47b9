using System.Security.Claims;
using Pbx.Data;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// What a signed-in user may see of calls, recordings and live events (README "Who sees what"): admins, operators and
/// viewers, the supervisory roles, see everything; a <see cref="Roles.User"/> only its own extension's
/// (<see cref="TokenIssuer.ExtensionClaim"/>), nothing when it has none. The token's extension can be trusted: changing a
/// user's extension ends its sessions.
/// </summary>
public static class UserScope
{
    /// <summary>Whether the user sees every call, recording, live event and phone address.</summary>
    public static bool IsSupervisor(ClaimsPrincipal user) => !user.IsInRole(Roles.User);

    /// <summary>Whether the user may act on calls (hang up, hold, transfer, record...) through the operator routes.</summary>
    public static bool MayAct(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Operator);

    /// <summary>The user's <see cref="ViewScope"/>.</summary>
    public static ViewScope Of(ClaimsPrincipal user) =>
        IsSupervisor(user) ? ViewScope.All : ViewScope.Own(user.FindFirst(TokenIssuer.ExtensionClaim)?.Value);
}
