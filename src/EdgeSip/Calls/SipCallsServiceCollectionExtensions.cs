using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pbx.EdgeSip.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.EdgeSip.Calls.Reliable;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Registrar;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Calls;
using Pbx.Grains.Cluster;

namespace Pbx.EdgeSip.Calls;

/// <summary>Registers call control at the edge.</summary>
public static class SipCallsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the INVITE handler, the BYE/UPDATE in-dialog handlers, PRACK (RFC 3262) and REFER (transfers), with the digest authentication the registrar uses.
    /// Needs <see cref="SipServiceCollectionExtensions.AddEdgeSip"/> and an Orleans <see cref="Orleans.IGrainFactory"/> (from the silo in this process or a cluster client).
    /// </summary>
    public static IServiceCollection AddSipCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSipAuth(configuration);
        services.TryAddSingleton<SipLegSender>();
        services.TryAddSingleton<SipInDialogHandler>();
        services.TryAddSingleton<SipReliableResponders>();
        services.TryAddSingleton<SipPrackHandler>();
        services.TryAddSingleton<SipForkSets>();
        services.TryAddSingleton<SipOptionsProbe>();
        services.TryAddSingleton<SipCallEdge>();
        services.TryAddSingleton<SipReferHandler>();
        services.TryAddSingleton<SipInviteHandler>();
        // Call grains that start a call on their own (click-to-call, API transfer) find this edge in the cluster's directory.
        services.AddHostedService(sp => new NodeRegistration<ICallEdge>(sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<SipRegistrarOptions>>().Value.EdgeNodeId, () => sp.GetRequiredService<SipCallEdge>().Reference,
            sp.GetRequiredService<ILogger<NodeRegistration<ICallEdge>>>()));
        services.AddSingleton<ISipRequestHandler>(sp => sp.GetRequiredService<SipInviteHandler>());
        services.AddSingleton<ISipRequestHandler>(sp => new SipInDialogMethod("BYE", sp.GetRequiredService<SipInDialogHandler>()));
        services.AddSingleton<ISipRequestHandler>(sp => new SipInDialogMethod("UPDATE", sp.GetRequiredService<SipInDialogHandler>()));
        services.AddSingleton<ISipRequestHandler>(sp => sp.GetRequiredService<SipReferHandler>());
        services.AddSingleton<ISipRequestHandler>(sp => sp.GetRequiredService<SipPrackHandler>());
        return services;
    }
}
