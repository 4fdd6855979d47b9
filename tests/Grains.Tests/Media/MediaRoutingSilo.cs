using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.Grains.Calls;
using Pbx.Grains.Media;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Hosting;
using Pbx.MediaNode.Rtp;

namespace Pbx.Grains.Tests.Media;

/// <summary>
/// A TestingHost silo with the media router and directory, and media engines outside it: reached only through observer
/// references, as engines in other processes are, since none is in the silo's <see cref="LocalMediaNodes"/>.
/// </summary>
internal sealed class MediaRoutingSilo : IAsyncDisposable
{
    private readonly PbxTestCluster _cluster;
    private readonly List<MediaEngine> _engines = [];

    private MediaRoutingSilo(PbxTestCluster cluster) => _cluster = cluster;

    public IGrainFactory Grains => _cluster.Grains;

    public MediaRouter Router => (MediaRouter)_cluster.SiloService<IMediaControl>();

    public IMediaDirectoryGrain Directory => Grains.GetMediaDirectory();

    public static async Task<MediaRoutingSilo> StartAsync(string connectionString) =>
        new(await PbxTestCluster.StartAsync(connectionString, silos: 1, (services, _) => services.AddMediaRouting()));

    /// <summary>A media engine on loopback with its own node id and port range, and an observer reference to it.</summary>
    public (MediaEngine Engine, IMediaNode Reference) StartEngine(string nodeId, int rtpPortMin)
    {
        var engine = new MediaEngine(Options.Create(new MediaOptions
        {
            NodeId = nodeId,
            Address = "127.0.0.1",
            BindAddress = "127.0.0.1",
            RtpPortMin = rtpPortMin,
            RtpPortMax = rtpPortMin + 39,
        }), NullLogger<MediaEngine>.Instance, TimeProvider.System, new MediaCounters());
        _engines.Add(engine);
        return (engine, Grains.CreateObjectReference<IMediaNode>(engine));
    }

    /// <summary>What the engine's registrar would report, valid for <paramref name="validFor"/>.</summary>
    public Task ReportAsync(MediaEngine engine, IMediaNode reference, TimeSpan validFor, int? activeEndpoints = null) =>
        Directory.RegisterAsync(new MediaNodeReport(engine.NodeId, reference, activeEndpoints ?? engine.EndpointCount, engine.FreePortPairs, validFor));

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
            await engine.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
