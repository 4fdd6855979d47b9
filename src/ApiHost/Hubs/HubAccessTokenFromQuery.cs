using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// Browsers cannot set an Authorization header on a WebSocket or EventSource request, so the SignalR client sends the
/// bearer token as <c>access_token</c> in the query string; accept it there, but only for the hub's path.
/// </summary>
internal sealed class HubAccessTokenFromQuery : IPostConfigureOptions<JwtBearerOptions>
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
                && context.HttpContext.Request.Path.StartsWithSegments(LiveHub.Path)
                && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                context.Token = token;
        };
    }
}
