using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pbx.Grains.Extensions;

/// <summary>Registers what the extension grain and the extension CLI need.</summary>
public static class ExtensionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ExtensionRepository"/> and the options of sections <c>Sip:Registrar</c>, <c>Sip:Auth</c> and key <c>Sip:Realm</c>, validated
    /// on start. Needs an <see cref="Npgsql.NpgsqlDataSource"/> registered by the host.
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
        services.TryAddSingleton<ExtensionRepository>();
        services.TryAddSingleton<ExtensionRowReader>();
        return services;
    }
}
