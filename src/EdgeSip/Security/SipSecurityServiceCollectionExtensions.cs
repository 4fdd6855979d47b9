using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pbx.EdgeSip.Security;

/// <summary>Registers the edge's flood, scanner and overload protection.</summary>
public static class SipSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SipFloodGuard"/> and <see cref="SipOverloadGuard"/> with their options from sections <c>Sip:Flood</c>
    /// and <c>Sip:Overload</c>, validated on start.
    /// </summary>
    public static IServiceCollection AddSipFloodGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SipFloodOptions>().Bind(configuration.GetSection(SipFloodOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipFloodOptions>, SipFloodOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SipFloodGuard>();
        services.AddOptions<SipOverloadOptions>().Bind(configuration.GetSection(SipOverloadOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOverloadOptions>, SipOverloadOptionsValidator>());
        services.TryAddSingleton<SipOverloadGuard>();
        return services;
    }

    private sealed class SipOverloadOptionsValidator : IValidateOptions<SipOverloadOptions>
    {
        public ValidateOptionsResult Validate(string? name, SipOverloadOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private sealed class SipFloodOptionsValidator : IValidateOptions<SipFloodOptions>
    {
        public ValidateOptionsResult Validate(string? name, SipFloodOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
