using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Calls;

/// <summary>Registers what call grains need.</summary>
public static class CallsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CallOptions"/> (section <c>Calls</c>, validated on start), the CDR queue and its writer (which also
    /// closes CDRs a crash left open). Needs an <see cref="Npgsql.NpgsqlDataSource"/> and an IMediaControl.
    /// </summary>
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallOptions>().Bind(configuration.GetSection(CallOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, $"{CallOptions.SectionName}:{nameof(CallOptions.NoAnswerTimeout)} must be between 00:00:01 and 00:10:00.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CdrQueue>();
        services.TryAddSingleton<CdrRepository>();
        services.AddHostedService<CdrWriter>();
        return services;
    }
}
