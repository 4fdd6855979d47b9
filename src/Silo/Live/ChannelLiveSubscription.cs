using System.Threading.Channels;
using Pbx.Grains.Live;

namespace Pbx.Silo.Live;

/// <summary>One subscriber of <see cref="InMemoryLiveEvents"/>: a bounded drop-oldest channel that counts what it dropped.</summary>
internal sealed class ChannelLiveSubscription : LiveSubscription
{
    private readonly InMemoryLiveEvents _owner;
    private readonly HashSet<string>? _topics;
    private readonly Channel<LiveEvent> _channel;
    private long _dropped;

    public ChannelLiveSubscription(InMemoryLiveEvents owner, IReadOnlyCollection<string>? topics, int capacity)
    {
        _owner = owner;
        _topics = topics is { Count: > 0 } ? new HashSet<string>(topics, StringComparer.Ordinal) : null;
        _channel = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    public override ChannelReader<LiveEvent> Reader => _channel.Reader;

    public override long Dropped => Interlocked.Read(ref _dropped);

    public void Offer(LiveEvent liveEvent)
    {
        if (_topics is null || _topics.Contains(liveEvent.Topic))
            _channel.Writer.TryWrite(liveEvent);
    }

    public override void Dispose()
    {
        _owner.Remove(this);
        _channel.Writer.TryComplete();
    }
}
