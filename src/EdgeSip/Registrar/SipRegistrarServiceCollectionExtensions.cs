using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Hosting;

namespace Pbx.EdgeSip.Registrar;

/// <summary>Registers the REGISTER handler and the digest authentication it uses.</summary>
public static class SipRegistrarServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SipRegistrar"/> as the edge's REGISTER <see cref="ISipRequestHandler"/>, with <see cref="SipRegistrarOptions"/> from
    /// section <c>Sip:Registrar</c> and everything <see cref="SipAuthServiceCollectionExtensions.AddSipAuth"/> adds.
    /// Needs an Orleans <see cref="Orleans.IGrainFactory"/> (from the silo in this process or a cluster client).
    /// </summary>
    public static IServiceCollection AddSipRegistrar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSipAuth(configuration);
        services.AddOptions<SipRegistrarOptions>().Bind(configuration.GetSection(SipRegistrarOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipRegistrarOptions>, SipAuthOptionsValidator>());
        services.TryAddSingleton<KnownExtensions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISipRequestHandler, SipRegistrar>());
        return services;
    }
}
