using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Pbx.Grains.Cluster;
using Pbx.Grains.Live;

namespace Pbx.Silo.Live;

/// <summary>
/// The live events of a silo process: published to this process's subscribers at once, and forwarded in batches to every
/// other API host of the cluster (the <see cref="ILiveEventSink"/> nodes of the directory), so a wallboard on any API host
/// shows the calls of every silo. Forwarding is at-most-once like local delivery: a backlog beyond
/// <see cref="OutboxCapacity"/> loses its oldest events, and a client that missed some resynchronises from a snapshot.
/// </summary>
public sealed partial class ClusterLiveEvents(InMemoryLiveEvents local, IGrainFactory grains, LiveNodeId self, ILogger<ClusterLiveEvents> logger)
    : BackgroundService, ILiveEvents
{
    private const int OutboxCapacity = 10_000;
    private const int MaxBatch = 256;

    private readonly Channel<LiveEvent> _outbox = Channel.CreateBounded<LiveEvent>(
        new BoundedChannelOptions(OutboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private IReadOnlyList<LiveNode<ILiveEventSink>> _sinks = [];
    private DateTimeOffset _sinksRead = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public void Publish(LiveEvent liveEvent)
    {
        local.Publish(liveEvent);
        _outbox.Writer.TryWrite(liveEvent);
    }

    /// <inheritdoc />
    public LiveSubscription Subscribe(IReadOnlyCollection<string>? topics = null, int capacity = 1024) => local.Subscribe(topics, capacity);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LiveEvent>(MaxBatch);
        while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _outbox.Reader.TryRead(out var liveEvent))
                batch.Add(liveEvent);
            var sinks = await SinksAsync();
            if (sinks.Count > 0)
            {
                LiveEvent[] events = [.. batch];
                foreach (var sink in sinks)
                {
                    // This process's own API host reads the local stream directly.
                    if (sink.NodeId != self.Value)
                        Forward(sink, events);
                }
            }
            batch.Clear();
        }
    }

    private void Forward(LiveNode<ILiveEventSink> sink, LiveEvent[] events)
    {
        try
        {
            // One-way: a slow or vanished API host never holds up the others or the grains.
            _ = sink.Node.OnEventsAsync(events);
        }
        catch (Exception e) when (e is OrleansException or InvalidOperationException)
        {
            LogForwardFailed(sink.NodeId, e);
        }
    }

    private async Task<IReadOnlyList<LiveNode<ILiveEventSink>>> SinksAsync()
    {
        if (DateTimeOffset.UtcNow - _sinksRead < NodeDirectory.RefreshInterval)
            return _sinks;
        _sinksRead = DateTimeOffset.UtcNow;
        try
        {
            _sinks = await NodeDirectory.Of<ILiveEventSink>(grains).GetLiveAsync();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogForwardFailed("(directory)", e);
        }
        return _sinks;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Live events could not be forwarded to API host {NodeId}")]
    private partial void LogForwardFailed(string nodeId, Exception exception);
}
