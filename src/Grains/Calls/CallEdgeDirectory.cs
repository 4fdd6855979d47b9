using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Pbx.Grains.Cluster;

namespace Pbx.Grains.Calls;

/// <summary>
/// The edges a call grain can reach when it starts a call on its own (click-to-call, API transfer) or was reactivated
/// without the edge its INVITE came through. An edge in this process (all-in-one) is used directly; otherwise the live
/// edges of the cluster's <see cref="INodeDirectoryGrain{TObserver}"/> of edges, read every <see cref="NodeDirectory.RefreshInterval"/> so that a call
/// grain asks no grain to find an edge.
/// </summary>
public sealed partial class CallEdgeDirectory(IGrainFactory grains, ILogger<CallEdgeDirectory> logger) : BackgroundService, ICallEdgeDirectory
{
    private volatile ICallEdge? _local;
    private volatile ICallEdge? _remote;

    /// <inheritdoc />
    public void Add(ICallEdge edge) => _local = edge;

    /// <inheritdoc />
    public ICallEdge? Find() => _local ?? _remote;

    /// <inheritdoc />
    public async Task<ICallEdge?> FindAsync()
    {
        if (Find() is { } known)
            return known;
        await RefreshAsync();
        return Find();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(NodeDirectory.RefreshInterval);
        do
            await RefreshAsync();
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync()
    {
        try
        {
            var live = await NodeDirectory.Of<ICallEdge>(grains).GetLiveAsync();
            // Empty is also the directory's new activation after its silo died, before the edges' next refresh (2 s):
            // the edge known before is then still the best guess, so it is kept.
            if (live.Count > 0)
                _remote = live[0].Node;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The directory's silo is going away; the next read finds its new activation.
            LogRefreshFailed(e);
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "Reading the edge directory failed; call grains keep the edge they knew")]
    private partial void LogRefreshFailed(Exception exception);
}
