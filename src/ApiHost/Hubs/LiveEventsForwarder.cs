using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// Reads the runtime's live events and sends each to the hub group of its topic and to the groups of the extensions it
/// concerns (<see cref="LiveAudience"/>), and keeps the <see cref="LiveCallBoard"/>.
/// A host without the silo role has no <see cref="ILiveEvents"/>: then there is nothing to forward.
/// </summary>
internal sealed partial class LiveEventsForwarder(
    IServiceProvider services, IHubContext<LiveHub> hub, LiveCallBoard board, ILogger<LiveEventsForwarder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService(typeof(ILiveEvents)) is not ILiveEvents events)
        {
            LogNoLiveEvents();
            return;
        }
        using var subscription = events.Subscribe([.. LiveHub.PublicTopics, .. LiveHub.SupervisorTopics, .. LiveHub.AdminTopics], capacity: 4096);
        var dropped = 0L;
        await foreach (var liveEvent in subscription.Reader.ReadAllAsync(stoppingToken))
        {
            // The parties are read before the board forgets an ended call. Only public topics have per-extension groups:
            // the others are never joined by a phone user.
            IReadOnlyList<string> groups = LiveHub.PublicTopics.Contains(liveEvent.Topic)
                ? [liveEvent.Topic, .. LiveAudience.NumbersOf(liveEvent, board.Call(liveEvent)).Select(n => LiveAudience.GroupOf(liveEvent.Topic, n))]
                : [liveEvent.Topic];
            board.Apply(liveEvent);
            await hub.Clients.Groups(groups).SendAsync(LiveHub.EventMethod, liveEvent, stoppingToken);
            if (subscription.Dropped != dropped)
            {
                LogDropped(subscription.Dropped - dropped);
                dropped = subscription.Dropped;
            }
        }
    }
}
