using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Control;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Hosting;

/// <summary>Registers the in-process media node.</summary>
public static class MediaNodeServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="MediaEngine"/> (also served as <see cref="IMediaNode"/>), configured from section <c>Media</c>
    /// (an unset <c>Media:Address</c> detected by <see cref="MediaAddressDetection"/>) and validated on start, and the hosted service that registers it in the cluster's media directory and in
    /// <see cref="LocalMediaNodes"/>. Needs an <see cref="Orleans.IGrainFactory"/> (silo or client) when the host starts.
    /// Call grains do not use the engine directly: they get the silo's media router.
    /// </summary>
    public static IServiceCollection AddMediaNode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<MediaOptions>>(sp =>
            new MediaAddressDetection(HostNetwork.Interfaces, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MediaAddressDetection>>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MediaCounters>();
        services.TryAddSingleton<MediaEngine>();
        services.TryAddSingleton<IMediaNode>(sp => sp.GetRequiredService<MediaEngine>());
        services.TryAddSingleton<LocalMediaNodes>();
        services.AddHostedService<MediaNodeRegistrar>();
        return services;
    }
}
