using Pbx.Grains.Live;

namespace Pbx.Silo.Live;

/// <summary>An API host's side of <see cref="ILiveEventSink"/>: events from other silos join this process's local stream.</summary>
internal sealed class LiveEventSink(InMemoryLiveEvents local) : ILiveEventSink
{
    public Task OnEventsAsync(IReadOnlyList<LiveEvent> events)
    {
        foreach (var liveEvent in events)
            local.Publish(liveEvent);
        return Task.CompletedTask;
    }
}
