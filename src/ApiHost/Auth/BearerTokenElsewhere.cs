using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// A bearer token carried somewhere other than the Authorization header, for requests that cannot set one: read only when
/// the header gave none, then validated like any bearer token (key, issuer, audience, expiry). Earlier handlers of
/// <see cref="JwtBearerEvents.OnMessageReceived"/> run first.
/// </summary>
internal abstract class BearerTokenElsewhere : IPostConfigureOptions<JwtBearerOptions>
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
            if (context.Token is null && TokenOf(context.Request) is { Length: > 0 } token)
                context.Token = token;
        };
    }

    /// <summary>The token this request carries in the place this reader knows, or null.</summary>
    protected abstract string? TokenOf(HttpRequest request);
}
