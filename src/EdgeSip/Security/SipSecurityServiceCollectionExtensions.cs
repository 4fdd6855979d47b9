using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pbx.EdgeSip.Security;

/// <summary>Registers the edge's flood and scanner protection.</summary>
public static class SipSecurityServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SipFloodGuard"/> with its options from section <c>Sip:Flood</c>, validated on start.</summary>
    public static IServiceCollection AddSipFloodGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SipFloodOptions>().Bind(configuration.GetSection(SipFloodOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipFloodOptions>, SipFloodOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SipFloodGuard>();
        return services;
    }

    private sealed class SipFloodOptionsValidator : IValidateOptions<SipFloodOptions>
    {
        public ValidateOptionsResult Validate(string? name, SipFloodOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
