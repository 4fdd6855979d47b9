using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pbx.Silo.Live;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Hosting;

/// <summary>Registration of an Orleans client for processes that host no silo (edge, media or API alone).</summary>
public static class ClusterClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Orleans cluster client (<c>IClusterClient</c>, <c>IGrainFactory</c>) that finds the silos' gateways in the
    /// membership table of the PBX's PostgreSQL (Database:ConnectionString), for the cluster named in section Cluster.
    /// It connects at start-up and retries until a silo answers, so the roles can start in any order. With
    /// <paramref name="dashboard"/> (an API host) it also registers what serving the Orleans dashboard needs
    /// (<see cref="OrleansDashboardEndpoints"/>); the silos run the dashboard's grains.
    /// </summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration, bool dashboard = false)
    {
        services.AddPbxDatabase(configuration);
        services.AddOptions<PbxClusterOptions>().Bind(configuration.GetSection(PbxClusterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PbxClusterOptions>, ClusterOptionsValidator>());
        services.AddLiveEvents(silo: false);
        var traces = Startup.TraceOptions.From(configuration).Enabled;
        services.AddOrleansClient(client =>
        {
            if (traces)
                client.AddActivityPropagation();
            client.UseAdoNetClustering(o => o.Configure<IOptions<DatabaseOptions>>((adoNet, db) =>
            {
                adoNet.Invariant = SiloServiceCollectionExtensions.AdoNetInvariant;
                adoNet.ConnectionString = db.Value.ConnectionString;
            }));
            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<PbxClusterOptions>>((o, pbx) =>
            {
                o.ClusterId = pbx.Value.ClusterId;
                o.ServiceId = pbx.Value.ServiceId;
            });
            // A gateway that died is replaced by the next live one read from the membership table.
            client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            if (dashboard)
                client.AddDashboard();
        });
        return services;
    }
}
