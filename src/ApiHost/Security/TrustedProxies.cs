using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Security;

/// <summary>Applies X-Forwarded-For/-Proto from the configured proxies, before anything reads the client address or scheme.</summary>
internal static class TrustedProxies
{
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        // The forwarded-headers middleware believes every peer when its proxy lists are empty, so with no proxy
        // configured it must not run at all: a direct client could otherwise pick its own address and dodge the
        // per-address login limit.
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.KnownProxies.Length > 0)
            app.UseForwardedHeaders();
        return app;
    }
}
