using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.Live;

/// <summary>
/// An API host as silos reach it with the live events of their grains (each API host registers one in the cluster's
/// node directory), so SignalR clients on any API host see every silo's events.
/// </summary>
public interface ILiveEventSink : IGrainObserver
{
    /// <summary>Events from one silo, in its publish order.</summary>
    [OneWay]
    Task OnEventsAsync(IReadOnlyList<LiveEvent> events);
}
