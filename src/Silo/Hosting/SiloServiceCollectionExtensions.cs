using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.Grains.Live;
using Pbx.Grains.Runtime;
using Pbx.Silo.Persistence;
using Pbx.Silo.Runtime;

namespace Pbx.Silo.Hosting;

/// <summary>Registration of the grain runtime and its PostgreSQL providers.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Registers NpgsqlDataSource (Database:ConnectionString), the grain runtime (IGrainFactory), grain state storage,
    /// durable reminders, the in-memory ILiveEvents and a hosted service that applies migrations before anything else starts.
    /// Options from sections Database and Runtime are validated at start-up.
    /// </summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)
        {
            // Nothing here leaves session state on a connection (the migration lock is released in a finally), so the
            // DISCARD ALL Npgsql sends on every return to the pool is pure cost: about seven per call at 1,000 calls/s.
            NoResetOnClose = true,
        }.ConnectionString));
        services.TryAddSingleton(new MigrationSet(MigrationScript.Embedded));
        services.TryAddSingleton<ILiveEvents, InMemoryLiveEvents>();
        services.TryAddSingleton<MigrationRunner>();
        services.TryAddSingleton<GrainStateStorage>();
        services.TryAddSingleton<ReminderTable>();
        services.TryAddSingleton<GrainClassRegistry>();
        services.TryAddSingleton<IGrainDirectory, LocalGrainDirectory>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<ReminderService>();
        services.AddHostedService<SiloHostedService>();
        return services;
    }

    /// <summary>Makes the grain classes in <paramref name="assemblies"/> available: each grain interface maps to its single implementing class.</summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies)
            services.AddSingleton(new GrainAssembly(assembly));
        return services;
    }
}
