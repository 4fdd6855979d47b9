using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Hosting;

namespace Pbx.EdgeSip.Calls;

/// <summary>Registers call control at the edge.</summary>
public static class SipCallsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the INVITE handler, the BYE/UPDATE in-dialog handlers and REFER (transfers), with the digest authentication the registrar uses.
    /// Needs <see cref="SipServiceCollectionExtensions.AddEdgeSip"/> and an <see cref="Pbx.Grains.Runtime.IGrainFactory"/>.
    /// </summary>
    public static IServiceCollection AddSipCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSipAuth(configuration);
        services.TryAddSingleton<SipLegSender>();
        services.TryAddSingleton<SipInDialogHandler>();
        services.TryAddSingleton<SipForkSets>();
        services.TryAddSingleton<SipCallEdge>();
        services.TryAddSingleton<SipReferHandler>();
        services.TryAddSingleton<SipInviteHandler>();
        services.AddSingleton<ISipRequestHandler>(sp => sp.GetRequiredService<SipInviteHandler>());
        services.AddSingleton<ISipRequestHandler>(sp => new SipInDialogMethod("BYE", sp.GetRequiredService<SipInDialogHandler>()));
        services.AddSingleton<ISipRequestHandler>(sp => new SipInDialogMethod("UPDATE", sp.GetRequiredService<SipInDialogHandler>()));
        services.AddSingleton<ISipRequestHandler>(sp => sp.GetRequiredService<SipReferHandler>());
        return services;
    }
}
