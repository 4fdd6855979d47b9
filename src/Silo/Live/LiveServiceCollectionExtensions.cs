using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans;
using Pbx.Grains.Cluster;
using Pbx.Grains.Live;

namespace Pbx.Silo.Live;

/// <summary>Registration of the live event stream across the cluster.</summary>
public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// The process's live stream: <see cref="ClusterLiveEvents"/> as <see cref="ILiveEvents"/> where a silo runs (grains
    /// publish, other API hosts are forwarded to), else the local stream that this process's sink fills.
    /// </summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services, bool silo)
    {
        services.TryAddSingleton(LiveNodeId.New());
        services.TryAddSingleton<InMemoryLiveEvents>();
        if (silo)
        {
            services.TryAddSingleton<ClusterLiveEvents>();
            services.TryAddSingleton<ILiveEvents>(sp => sp.GetRequiredService<ClusterLiveEvents>());
            services.AddHostedService(sp => sp.GetRequiredService<ClusterLiveEvents>());
        }
        else
        {
            services.TryAddSingleton<ILiveEvents>(sp => sp.GetRequiredService<InMemoryLiveEvents>());
        }
        return services;
    }

    /// <summary>Makes this process's API host receive the live events of every silo (it registers its sink in the directory).</summary>
    public static IServiceCollection AddLiveEventSink(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveEventSink>();
        services.AddHostedService(sp =>
        {
            var grains = sp.GetRequiredService<IGrainFactory>();
            // The sink is a DI singleton, so it outlives its reference: Orleans holds the object only weakly.
            var sink = sp.GetRequiredService<LiveEventSink>();
            return new NodeRegistration<ILiveEventSink>(grains, sp.GetRequiredService<LiveNodeId>().Value,
                () => grains.CreateObjectReference<ILiveEventSink>(sink),
                sp.GetRequiredService<ILogger<NodeRegistration<ILiveEventSink>>>());
        });
        return services;
    }
}
