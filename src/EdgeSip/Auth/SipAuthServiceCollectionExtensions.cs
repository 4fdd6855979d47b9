using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>Registers the edge's digest authentication and source-address lockout.</summary>
public static class SipAuthServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DigestAuthenticator"/>, <see cref="SourceLockoutTable"/>, <see cref="SipDigestLogin"/> and their options from section <c>Sip:Auth</c>, validated on start.</summary>
    public static IServiceCollection AddSipAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName)).ValidateOnStart();
        services.AddOptions<LockoutOptions>().Bind(configuration.GetSection(LockoutOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, SipAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LockoutOptions>, SipAuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DigestNonces>();
        services.TryAddSingleton<NonceCountTable>();
        services.TryAddSingleton<DigestAuthenticator>();
        services.TryAddSingleton<SourceLockoutTable>();
        services.TryAddSingleton<SipDigestLogin>();
        return services;
    }
}
