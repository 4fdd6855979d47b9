using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pbx.EdgeSip.Trunks;

/// <summary>Registers the edge's side of carrier trunks.</summary>
public static class SipTrunksServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TrunkRegistrationService"/> with <see cref="TrunkRegistrationOptions"/> (section <c>Trunks:Registration</c>).
    /// Needs an <see cref="Pbx.Grains.Trunks.ITrunkDirectory"/> and an Orleans <see cref="Orleans.IGrainFactory"/> (from the silo in this process or a cluster client).
    /// </summary>
    public static IServiceCollection AddSipTrunks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrunkRegistrationOptions>().Bind(configuration.GetSection(TrunkRegistrationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrunkRegistrationOptions>, TrunkRegistrationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<TrunkRegistrationService>();
        return services;
    }
}
