using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Providers;
using Orleans.Storage;
using Pbx.Silo.Live;
using Pbx.Grains.Persistence;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Hosting;

/// <summary>Registration of the Orleans silo on the PBX's PostgreSQL.</summary>
public static class SiloServiceCollectionExtensions
{
    // Orleans' ADO.NET providers find Npgsql's DbProviderFactory by this invariant name.
    internal const string AdoNetInvariant = "Npgsql";

    // Orleans' default: a silo missing three probes in a row is suspected, and declared dead on enough votes.
    private const int MissedProbesLimit = 3;

    // Well above the dashboard page's one-second poll, so the profiler stays on while anyone looks.
    private static readonly TimeSpan DashboardProfilerIdle = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers NpgsqlDataSource (Database:ConnectionString), the migrations (run before the silo starts), and an Orleans
    /// silo: membership and reminders in PostgreSQL through the ADO.NET providers, grain state in grain_state through
    /// <see cref="GrainStateStorage"/>, endpoints from section Cluster, collection and timeouts from section Runtime.
    /// Grain classes are found by Orleans in the assemblies built with Microsoft.Orleans.Sdk. Every silo also runs the
    /// Orleans dashboard's grains (its counters and grain-call profiler), which an API host serves to admins.
    /// </summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPbxDatabase(configuration);
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>());
        services.AddOptions<PbxClusterOptions>().Bind(configuration.GetSection(PbxClusterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PbxClusterOptions>, ClusterOptionsValidator>());

        services.TryAddSingleton(new MigrationSet(MigrationScript.Embedded));
        services.TryAddSingleton<MigrationRunner>();
        services.TryAddSingleton<GrainStateStorage>();
        services.TryAddSingleton<OutageTolerantStorage>();
        services.TryAddSingleton<Pbx.Data.Health.DatabaseProbe>();
        services.TryAddSingleton<DatabaseWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseWatch>());
        // Before AddOrleans: hosted services start in registration order, and the silo needs the schema.
        services.AddHostedService<MigrationHostedService>();
        var traces = Startup.TraceOptions.From(configuration).Enabled;
        services.AddOrleans(silo =>
        {
            // Grain calls carry the caller's trace context only when traces are on: otherwise there is nothing to carry.
            if (traces)
                silo.AddActivityPropagation();
            silo.UseAdoNetClustering(o => o.Configure<IOptions<DatabaseOptions>>((adoNet, db) =>
            {
                adoNet.Invariant = AdoNetInvariant;
                adoNet.ConnectionString = db.Value.ConnectionString;
            }));
            silo.UseAdoNetReminderService(o => o.Configure<IOptions<DatabaseOptions>>((adoNet, db) =>
            {
                adoNet.Invariant = AdoNetInvariant;
                adoNet.ConnectionString = db.Value.ConnectionString;
            }));
            // [PersistentState] without a storage name asks for the unkeyed IGrainStorage; by name "Default", the keyed one.
            silo.Services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<GrainStateStorage>());
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) => sp.GetRequiredService<GrainStateStorage>());
            silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.OutageTolerant, (sp, _) => sp.GetRequiredService<OutageTolerantStorage>());
            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<PbxClusterOptions>>((o, pbx) =>
            {
                o.ClusterId = pbx.Value.ClusterId;
                o.ServiceId = pbx.Value.ServiceId;
            });
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<PbxClusterOptions>>((o, pbx) =>
            {
                var address = IPAddress.Parse(pbx.Value.Address);
                o.AdvertisedIPAddress = address;
                o.SiloPort = pbx.Value.SiloPort;
                o.GatewayPort = pbx.Value.GatewayPort;
                // Listen on every interface: behind NAT or in a container the advertised address is not a local one.
                o.SiloListeningEndpoint = new IPEndPoint(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, pbx.Value.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(o.SiloListeningEndpoint.Address, pbx.Value.GatewayPort);
            });
            silo.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<PbxClusterOptions>>((o, pbx) =>
            {
                o.NumMissedProbesLimit = MissedProbesLimit;
                o.ProbeTimeout = pbx.Value.FailureDetection / (MissedProbesLimit + 1);
            });
            silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<RuntimeOptions>>((o, runtime) =>
            {
                o.CollectionAge = runtime.Value.CollectionAge;
                o.CollectionQuantum = runtime.Value.CollectionInterval;
            });
            silo.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<RuntimeOptions>>((o, runtime) =>
                o.ResponseTimeout = runtime.Value.CallTimeout);
            // Data for the dashboard that API hosts serve at /admin/orleans (OrleansDashboardEndpoints). Its profiler
            // times every grain call (about 8 % of a call set-up's CPU at 1,000 calls/s) and runs after start and while
            // the page polls (every second); it stops this long after the last poll, not the package's minute.
            silo.AddDashboard();
            silo.Services.Configure<GrainProfilerOptions>(o => o.DeactivationTime = DashboardProfilerIdle);
        });
        services.AddLiveEvents(silo: true);
        return services;
    }

    /// <summary>NpgsqlDataSource from Database:ConnectionString, validated at start-up; every role that reads PostgreSQL needs it.</summary>
    public static IServiceCollection AddPbxDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)
        {
            // Nothing here leaves session state on a connection (the migration lock is released in a finally), so the
            // DISCARD ALL Npgsql sends on every return to the pool is pure cost: about seven per call at 1,000 calls/s.
            NoResetOnClose = true,
        }.ConnectionString));
        return services;
    }
}
