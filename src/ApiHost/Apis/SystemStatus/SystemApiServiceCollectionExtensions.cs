using Microsoft.Extensions.DependencyInjection.Extensions;
using Pbx.Grains.Organisation;

namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>Registers the organisation settings (validated at start-up, naming the key) and the status reader.</summary>
public static class SystemApiServiceCollectionExtensions
{
    public static IServiceCollection AddSystemApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrganisation(configuration);
        services.TryAddSingleton<SystemStatusReader>();
        return services;
    }
}
