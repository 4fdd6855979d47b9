using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.TestingHost;
using Pbx.Silo.Hosting;

namespace Pbx.Grains.Tests;

/// <summary>
/// An <see cref="InProcessTestCluster"/> (Orleans.TestingHost) whose silos are configured as the product's are: each silo
/// host runs <see cref="SiloServiceCollectionExtensions.AddSilo"/> (migrations, membership and reminders in PostgreSQL,
/// the batching grain storage) plus the grains under test; the test's client finds the gateways in that membership table,
/// as edge and API processes do. So placement, reactivation after a silo dies and state shared through PostgreSQL are
/// Orleans' own behaviour, not a stand-in's.
/// </summary>
internal sealed class PbxTestCluster : IAsyncDisposable
{
    private PbxTestCluster(InProcessTestCluster cluster) => Cluster = cluster;

    /// <summary>The TestingHost cluster: its silos, kill/stop/start, activation lookup.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The test's cluster client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>
    /// Starts <paramref name="silos"/> silos on the database of <paramref name="connectionString"/>, each with the grains and
    /// services <paramref name="addGrains"/> registers and the <paramref name="settings"/> given (on top of the cluster's own).
    /// </summary>
    public static async Task<PbxTestCluster> StartAsync(
        string connectionString,
        short silos,
        Action<IServiceCollection, IConfiguration> addGrains,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        // The product's service id: grain state and reminders are keyed by it, so a cluster started again on the same
        // database finds what the previous one wrote, as a restarted PBX does.
        builder.Options.ServiceId = new PbxClusterOptions().ServiceId;
        var clusterId = builder.Options.ClusterId;
        var serviceId = builder.Options.ServiceId;
        builder.ConfigureSiloHost((silo, host) =>
        {
            host.Configuration.AddInMemoryCollection(Settings(connectionString, clusterId, serviceId, settings));
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cluster:SiloPort"] = silo.SiloPort.ToString(CultureInfo.InvariantCulture),
                ["Cluster:GatewayPort"] = silo.GatewayPort.ToString(CultureInfo.InvariantCulture),
            });
            host.Logging.SetMinimumLevel(LogLevel.Warning);
            host.Services.AddSilo(host.Configuration);
            // The TestingHost connects silos and client through its in-memory transport, which knows a silo by the
            // endpoint it listens on; the product listens on every interface (0.0.0.0), so listen on the advertised one.
            host.Services.Configure<EndpointOptions>(o => (o.SiloListeningEndpoint, o.GatewayListeningEndpoint) = (null, null));
            addGrains(host.Services, host.Configuration);
        });
        builder.ConfigureClientHost(host =>
        {
            host.Configuration.AddInMemoryCollection(Settings(connectionString, clusterId, serviceId, settings));
            host.Logging.SetMinimumLevel(LogLevel.Warning);
            host.Services.AddClusterClient(host.Configuration);
        });
        var cluster = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await cluster.DeployAsync(timeout.Token);
        return new PbxTestCluster(cluster);
    }

    /// <summary>A service of the silo that hosts <paramref name="index"/> (0: the primary silo).</summary>
    public T SiloService<T>(int index = 0) where T : notnull =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[index].SiloAddress).GetRequiredService<T>();

    /// <summary>A clean shutdown: every activation deactivates, so write-behind state is flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Cluster.StopAllSilosAsync(timeout.Token);
        await Cluster.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(
        string connectionString, string clusterId, string serviceId, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:ServiceId"] = serviceId,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }
}
