using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// Browsers cannot set an Authorization header on a WebSocket or EventSource request, so the SignalR client sends the
/// bearer token as <c>access_token</c> in the query string; accept it there, but only for the hub's path.
/// </summary>
internal sealed class HubAccessTokenFromQuery : BearerTokenElsewhere
{
    protected override string? TokenOf(HttpRequest request) =>
        request.Path.StartsWithSegments(LiveHub.Path) && request.Query["access_token"] is [{ } token] ? token : null;
}
