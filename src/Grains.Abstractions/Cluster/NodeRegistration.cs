using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Pbx.Grains.Cluster;

/// <summary>
/// Keeps one node in its <see cref="INodeDirectoryGrain{TObserver}"/>: registered at start and again every
/// <see cref="NodeDirectory.RefreshInterval"/>, removed on a clean stop. A crashed node simply stops refreshing.
/// </summary>
/// <param name="grains">The silo's or the cluster client's factory.</param>
/// <param name="nodeId">This node's id in the directory.</param>
/// <param name="createNode">Makes the observer reference, once, when the service starts (the runtime is up by then).</param>
/// <param name="logger">Where failed refreshes are reported.</param>
public sealed partial class NodeRegistration<TObserver>(IGrainFactory grains, string nodeId, Func<TObserver> createNode, ILogger<NodeRegistration<TObserver>> logger)
    : BackgroundService where TObserver : IGrainObserver
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var node = createNode();
        using var timer = new PeriodicTimer(NodeDirectory.RefreshInterval);
        do
        {
            try
            {
                await NodeDirectory.Of<TObserver>(grains).RegisterAsync(nodeId, node);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // The directory's silo is going away; its next activation learns of this node on the next refresh.
                LogRegistrationFailed(typeof(TObserver).Name, nodeId, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await NodeDirectory.Of<TObserver>(grains).UnregisterAsync(nodeId).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            // The cluster is stopping too: the entry lapses by itself.
            LogRegistrationFailed(typeof(TObserver).Name, nodeId, e);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "{Kind} node {NodeId} could not reach its directory; it retries on the next refresh")]
    private partial void LogRegistrationFailed(string kind, string nodeId, Exception exception);
}
