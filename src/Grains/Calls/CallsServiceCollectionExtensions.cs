using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pbx.Data;
using Pbx.Data.Cdrs;
using Pbx.Grains.Calls.Recording;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>Registers what call grains need.</summary>
public static class CallsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CallOptions"/> (section <c>Calls</c>) and <see cref="CdrOptions"/> (section <c>Cdrs</c>), both
    /// validated on start; the durable CDR path (<see cref="CdrQueue"/>, its local <see cref="CdrJournal"/> and the
    /// <see cref="CdrWriter"/> that replays it), the <see cref="CallJournal"/> calls write it through, the <see cref="CallRecorder"/>, the <see cref="CallAssembly"/> of each call's parts, and the <see cref="CdrRecovery"/> pass; the directory of call edges; and the
    /// media router call grains reach media nodes through (<see cref="AddMediaRouting"/>). Needs a silo (its address owns
    /// the rows it opens) and the data source of the repositories (<see cref="DataServiceCollectionExtensions.AddRepositories(IServiceCollection)"/>, added here).
    /// </summary>
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallOptions>().Bind(configuration.GetSection(CallOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallOptions>, CallOptionsValidator>());
        services.AddOptions<CdrOptions>().Bind(configuration.GetSection(CdrOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdrOptions>, CdrOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CallEdgeDirectory>();
        services.TryAddSingleton<ICallEdgeDirectory>(sp => sp.GetRequiredService<CallEdgeDirectory>());
        services.AddHostedService(sp => sp.GetRequiredService<CallEdgeDirectory>());
        services.AddRepositories();
        // Opened when the writer starts, so a journal held by another process stops start-up.
        services.TryAddSingleton(sp => CdrJournal.Open(sp.GetRequiredService<IOptions<CdrOptions>>().Value.JournalPath));
        services.TryAddSingleton(sp => new CdrQueue(
            sp.GetRequiredService<CdrRepository>(),
            sp.GetRequiredService<CdrJournal>(),
            sp.GetRequiredService<IOptions<CdrOptions>>(),
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CdrQueue>>()));
        services.TryAddSingleton<CallJournal>();
        services.TryAddSingleton<CallRecorder>();
        services.TryAddSingleton<CallAssembly>();
        services.AddHostedService<CdrWriter>();
        services.TryAddSingleton<CdrRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<CdrRecovery>());
        return services.AddMediaRouting();
    }

    /// <summary>
    /// Serves <see cref="IMediaControl"/> to grains with the <see cref="MediaRouter"/>: endpoints on the least loaded media
    /// node of the <see cref="IMediaDirectoryGrain"/>, in-process nodes (<see cref="LocalMediaNodes"/>) called directly.
    /// An IMediaControl registered before (a test's fake) is kept.
    /// </summary>
    public static IServiceCollection AddMediaRouting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalMediaNodes>();
        services.TryAddSingleton<IMediaControl, MediaRouter>();
        return services;
    }
}
