using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;

namespace Pbx.Grains.Tests.Extensions;

/// <summary>A TestingHost cluster (one silo unless asked for more) hosting the extension grain, started and stopped by a test.</summary>
internal sealed class ExtensionSilo : IAsyncDisposable
{
    private ExtensionSilo(PbxTestCluster cluster) => Cluster = cluster;

    public PbxTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Grains;

    /// <summary>The primary silo's live events (each silo publishes what its own activations raise).</summary>
    public ILiveEvents LiveEvents => Cluster.SiloService<ILiveEvents>();

    public ExtensionRepository Repository => Cluster.SiloService<ExtensionRepository>();

    public static async Task<ExtensionSilo> StartAsync(string connectionString, int minExpires = 60, short silos = 1) =>
        new(await PbxTestCluster.StartAsync(connectionString, silos, (services, configuration) => services.AddExtensions(configuration),
            new Dictionary<string, string?>
            {
                ["Sip:Registrar:MinExpires"] = minExpires.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sip:Realm"] = "pbx.test",
                ["Sip:Auth:MaxFailures"] = "3",
            }));

    /// <summary>A clean shutdown: every activation is deactivated, so write-behind state is flushed.</summary>
    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
