using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Organisation;
using Pbx.Data;

namespace Pbx.Grains.Trunks;

/// <summary>Registers what trunk grains need.</summary>
public static class TrunksServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TrunkOptions"/> (section <c>Trunks</c>), validated on start with the bad key named, and the
    /// <see cref="ITrunkDirectory"/> the edge reads the trunks to register from, and the <see cref="TrunkRouter"/> call grains route by (over the <see cref="TrunkCatalog"/>). Needs the data source the host registers.
    /// </summary>
    public static IServiceCollection AddTrunks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrunkOptions>().Bind(configuration.GetSection(TrunkOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrunkOptions>, TrunkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITrunkDirectory, TrunkDirectory>();
        services.AddRepositories();
        services.TryAddSingleton<TrunkCatalog>();
        services.TryAddSingleton<TrunkRouter>();
        // The day outbound budgets count by starts at the organisation's midnight.
        services.AddOrganisation(configuration);
        return services;
    }
}
