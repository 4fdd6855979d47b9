using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Data;

namespace Pbx.Grains.Extensions;

/// <summary>Registers what the extension grain and the extension CLI need.</summary>
public static class ExtensionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the repositories (the extension grains read theirs through <see cref="ExtensionRowReader"/>) and the options of sections <c>Sip:Registrar</c>, <c>Sip:Auth</c> and key <c>Sip:Realm</c>, validated
    /// on start. Needs the data source the host registers.
    /// </summary>
    public static IServiceCollection AddExtensions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrarOptions>().Bind(configuration.GetSection(RegistrarOptions.SectionName)).ValidateOnStart();
        services.AddOptions<LockoutOptions>().Bind(configuration.GetSection(LockoutOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistrarOptions>, ExtensionOptionsValidator>());
        services.AddOptions<SipRealmOptions>().Bind(configuration.GetSection(SipRealmOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LockoutOptions>, ExtensionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipRealmOptions>, ExtensionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddRepositories();
        services.TryAddSingleton<ExtensionRowReader>();
        return services;
    }
}
