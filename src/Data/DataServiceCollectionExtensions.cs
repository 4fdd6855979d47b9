using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Pbx.Data.Cdrs;
using Pbx.Data.DialRules;
using Pbx.Data.DidNumbers;
using Pbx.Data.Extensions;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;
using Pbx.Data.Recordings;
using Pbx.Data.Stats;
using Pbx.Data.TimeConditions;
using Pbx.Data.Trunks;
using Pbx.Data.Users;

namespace Pbx.Data;

/// <summary>Registers the repositories, the one way every role reaches the PBX's tables.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Adds every repository (singletons over the <see cref="NpgsqlDataSource"/> the host registers). The extension
    /// repository also needs the <c>Sip:Realm</c> options its HA1 values are computed for.
    /// </summary>
    public static IServiceCollection AddRepositories(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ExtensionRepository>();
        services.TryAddSingleton<TrunkRepository>();
        services.TryAddSingleton<DidNumberRepository>();
        services.TryAddSingleton<DialRuleRepository>();
        services.TryAddSingleton<IvrMenuRepository>();
        services.TryAddSingleton<CdrRepository>();
        services.TryAddSingleton<RecordingRepository>();
        services.TryAddSingleton<PromptRepository>();
        services.TryAddSingleton<TimeConditionRepository>();
        services.TryAddSingleton<UserRepository>();
        services.TryAddSingleton<StatsRepository>();
        services.TryAddSingleton<Health.DatabaseProbe>();
        return services;
    }

    /// <summary>
    /// Adds the repositories and, unless the host registered one already, an <see cref="NpgsqlDataSource"/> from
    /// <c>Database:ConnectionString</c> (the key the silo reads).
    /// </summary>
    public static IServiceCollection AddRepositories(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(configuration["Database:ConnectionString"]
            ?? throw new InvalidOperationException("Database:ConnectionString is not set and no NpgsqlDataSource is registered.")));
        return services.AddRepositories();
    }
}
