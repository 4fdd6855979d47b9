using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Calls;

/// <summary>Registers what call grains need.</summary>
public static class CallsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CallOptions"/> (section <c>Calls</c>, validated on start), the CDR queue and its writer (which also
    /// closes CDRs a crash left open and writes recording rows), the directory of call edges. Needs an <see cref="Npgsql.NpgsqlDataSource"/> and an IMediaControl.
    /// </summary>
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallOptions>().Bind(configuration.GetSection(CallOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallOptions>, CallOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CdrQueue>();
        services.TryAddSingleton<ICallEdgeDirectory, CallEdgeDirectory>();
        services.TryAddSingleton<CdrRepository>();
        services.TryAddSingleton<RecordingRepository>();
        services.AddHostedService<CdrWriter>();
        return services;
    }
}
