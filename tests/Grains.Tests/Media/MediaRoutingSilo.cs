using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.Grains.Calls;
using Pbx.Grains.Media;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Hosting;
using Pbx.MediaNode.Rtp;
using Pbx.Silo.Hosting;
using Pbx.TestSupport;

namespace Pbx.Grains.Tests.Media;

/// <summary>
/// A real silo with the media router and directory, and media engines outside it: reached only through observer
/// references, as engines in other processes are, since none is in the silo's <see cref="LocalMediaNodes"/>.
/// </summary>
internal sealed class MediaRoutingSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<MediaEngine> _engines = [];

    private MediaRoutingSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public MediaRouter Router => (MediaRouter)_host.Services.GetRequiredService<IMediaControl>();

    public IMediaDirectoryGrain Directory => Grains.GetMediaDirectory();

    public static async Task<MediaRoutingSilo> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = connectionString });
        builder.Configuration.AddInMemoryCollection(FreePort.LoneSilo());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddMediaRouting();
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new MediaRoutingSilo(host);
    }

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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
