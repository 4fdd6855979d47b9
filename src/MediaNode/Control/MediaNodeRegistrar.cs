using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.Grains.Media;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Hosting;

namespace Pbx.MediaNode.Control;

/// <summary>
/// Makes this process's <see cref="MediaEngine"/> reachable by the cluster: adds it to <see cref="LocalMediaNodes"/> for
/// a router in this process, and reports an observer reference with the node's load to the
/// <see cref="IMediaDirectoryGrain"/> on start and every <see cref="MediaOptions.RegistrationInterval"/>. A report is valid
/// for <see cref="MissedReports"/> intervals, so a node that dies lapses by itself; a clean stop unregisters at once.
/// </summary>
internal sealed partial class MediaNodeRegistrar(
    MediaEngine engine,
    LocalMediaNodes localNodes,
    IGrainFactory grains,
    IOptions<MediaOptions> options,
    TimeProvider time,
    ILogger<MediaNodeRegistrar> logger) : BackgroundService
{
    /// <summary>Reports a node may miss before its entry lapses: one lost or late report must not drop a live node.</summary>
    public const int MissedReports = 3;

    private IMediaNode? _reference;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        localNodes.Add(engine.NodeId, engine);
        // Orleans holds observers weakly; the engine is a singleton of the host, so it outlives the reference.
        _reference = grains.CreateObjectReference<IMediaNode>(engine);
        // The first report is awaited, so that calls placed as soon as the host has started find the node.
        await ReportAsync().ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        localNodes.Remove(engine.NodeId);
        try
        {
            await grains.GetMediaDirectory().UnregisterAsync(engine.NodeId).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The entry lapses by itself within a few intervals; a stop out of time (the host's shutdown timeout, the
            // cluster already gone) gives up on it rather than failing the rest of the shutdown.
            LogUnregisterFailed(engine.NodeId, e);
        }
        if (_reference is not null)
            grains.DeleteObjectReference<IMediaNode>(_reference);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RegistrationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await ReportAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync unregisters.
        }
    }

    private async Task ReportAsync()
    {
        var report = new MediaNodeReport(engine.NodeId, _reference!, engine.EndpointCount, engine.FreePortPairs,
            options.Value.RegistrationInterval * MissedReports);
        try
        {
            await grains.GetMediaDirectory().RegisterAsync(report).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The directory may be moving to another silo, or the cluster not reachable yet: the next tick tries again.
            LogReportFailed(engine.NodeId, e);
        }
    }

    // EventIds 4040-4049: media node registration.
    [LoggerMessage(EventId = 4040, Level = LogLevel.Warning, Message = "Media node {NodeId} could not report to the media directory")]
    private partial void LogReportFailed(string nodeId, Exception exception);

    [LoggerMessage(EventId = 4041, Level = LogLevel.Warning, Message = "Media node {NodeId} could not unregister from the media directory")]
    private partial void LogUnregisterFailed(string nodeId, Exception exception);
}
