using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Security;

/// <summary>Trusts X-Forwarded-For/-Proto only from the configured proxies, so the login rate limit keys on the real client behind nginx.</summary>
internal sealed class ConfigureForwardedHeaders(IOptions<ProxyOptions> proxy) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The framework trusts loopback by default; only what the operator lists is a proxy here, so a client on
        // the same machine as nginx cannot claim another address.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in proxy.Value.KnownProxies)
            options.KnownProxies.Add(IPAddress.Parse(address));
        // One nginx hop: the right-most X-Forwarded-For entry is the address nginx saw.
        options.ForwardLimit = 1;
    }
}
