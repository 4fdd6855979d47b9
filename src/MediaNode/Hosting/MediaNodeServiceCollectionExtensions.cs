using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Hosting;

/// <summary>Registers the in-process media node.</summary>
public static class MediaNodeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IMediaControl"/> backed by a <see cref="MediaEngine"/>, configured from section <c>Media</c> and validated on start.</summary>
    public static IServiceCollection AddMediaNode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MediaCounters(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<MediaEngine>();
        services.TryAddSingleton<IMediaControl>(sp => sp.GetRequiredService<MediaEngine>());
        return services;
    }
}
