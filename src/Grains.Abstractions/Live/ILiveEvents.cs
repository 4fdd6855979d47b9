namespace Pbx.Grains.Live;

/// <summary>
/// The runtime's event stream: grains publish, observers (SignalR bridge, tests) subscribe.
/// Delivery is at-most-once and in publish order per publisher; a slow subscriber loses its oldest
/// events rather than slowing grains down, and learns of the gap through <see cref="LiveSubscription.Dropped"/>.
/// </summary>
public interface ILiveEvents
{
    /// <summary>Publishes an event to every current subscriber. Never blocks on subscribers.</summary>
    void Publish(LiveEvent liveEvent);

    /// <summary>Starts a subscription, optionally limited to some topics; dispose it to stop.</summary>
    LiveSubscription Subscribe(IReadOnlyCollection<string>? topics = null, int capacity = 1024);
}
