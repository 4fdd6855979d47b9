using Microsoft.Extensions.Logging;
using Orleans;

namespace Pbx.Grains.Media;

/// <summary>
/// The cluster's media nodes (<see cref="IMediaDirectoryGrain"/>). The table lives in memory only, on purpose: every node
/// reports every few seconds, so when this activation moves to another silo (its silo died, or it was collected) the
/// new one is complete again within one registration interval, and nothing stale survives a restart.
/// </summary>
public sealed partial class MediaDirectoryGrain(TimeProvider time, ILogger<MediaDirectoryGrain> logger) : Grain, IMediaDirectoryGrain
{
    private readonly MediaNodeTable _table = new();

    /// <inheritdoc />
    public Task RegisterAsync(MediaNodeReport report)
    {
        if (_table.Register(report, time.GetUtcNow()))
            LogNodeJoined(report.NodeId, report.FreePortPairs);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnregisterAsync(string nodeId)
    {
        if (_table.Unregister(nodeId))
            LogNodeLeft(nodeId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MediaNodeEntry>> GetLiveNodesAsync() => Task.FromResult(_table.Live(time.GetUtcNow()));

    // EventIds 2280-2284: media directory.
    [LoggerMessage(EventId = 2280, Level = LogLevel.Information, Message = "Media node {NodeId} joined with {FreePortPairs} free port pairs")]
    private partial void LogNodeJoined(string nodeId, int freePortPairs);

    [LoggerMessage(EventId = 2281, Level = LogLevel.Information, Message = "Media node {NodeId} left")]
    private partial void LogNodeLeft(string nodeId);
}
