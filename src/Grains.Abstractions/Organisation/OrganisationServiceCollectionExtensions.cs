using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pbx.Grains.Organisation;

/// <summary>Registers <see cref="OrganisationOptions"/>, validated at start-up (naming the key), for every role that reads them.</summary>
public static class OrganisationServiceCollectionExtensions
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrganisationOptions>, OrganisationOptionsValidator>());
        return services;
    }
}
