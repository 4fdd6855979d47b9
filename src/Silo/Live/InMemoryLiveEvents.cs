using Pbx.Grains.Live;

namespace Pbx.Silo.Live;

/// <summary>
/// The single-silo live event stream: each subscriber has its own bounded channel that drops its oldest event
/// when full, so a slow SignalR client never slows a grain down. Publishing reads a copy-on-write array: no lock.
/// </summary>
public sealed class InMemoryLiveEvents : ILiveEvents
{
    private readonly Lock _lock = new();
    private ChannelLiveSubscription[] _subscribers = [];

    public void Publish(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
            subscriber.Offer(liveEvent);
    }

    public LiveSubscription Subscribe(IReadOnlyCollection<string>? topics = null, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new ChannelLiveSubscription(this, topics, capacity);
        lock (_lock)
            _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    internal void Remove(ChannelLiveSubscription subscription)
    {
        lock (_lock)
            _subscribers = Array.FindAll(_subscribers, s => s != subscription);
    }
}
