using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Hosting;

/// <summary>SIP over WebSocket (RFC 7118) on a host's own endpoint routing, for when the API host serves it on its HTTPS port.</summary>
public static class SipWebSocketEndpointExtensions
{
    /// <summary>Maps <paramref name="pattern"/> (e.g. "/sip") to the edge's WebSocket transport; call <c>app.UseWebSockets()</c> first.</summary>
    public static IEndpointConventionBuilder MapSipWebSocket(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.Map(pattern, context => context.RequestServices.GetRequiredService<SipTransportSet>().AcceptWebSocketAsync(context));
}
