using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>Registers the organisation settings (validated at start-up, naming the key) and the status reader.</summary>
public static class SystemApiServiceCollectionExtensions
{
    public static IServiceCollection AddSystemApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrganisationOptions>, OrganisationOptionsValidator>());
        services.TryAddSingleton<SystemStatusReader>();
        return services;
    }
}
