using System.Threading.Channels;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// The live event stream of a host without a silo, for the API's one subscriber (its forwarder): events published before it
/// subscribes wait in the queue instead of being lost, so a test needs no wait for the host's start-up.
/// </summary>
internal sealed class QueuedLiveEvents : ILiveEvents
{
    private readonly Channel<LiveEvent> _queue = Channel.CreateUnbounded<LiveEvent>();

    public void Publish(LiveEvent liveEvent) => _queue.Writer.TryWrite(liveEvent);

    public LiveSubscription Subscribe(IReadOnlyCollection<string>? topics = null, int capacity = 1024) => new Subscription(_queue.Reader);

    private sealed class Subscription(ChannelReader<LiveEvent> reader) : LiveSubscription
    {
        public override ChannelReader<LiveEvent> Reader => reader;

        public override long Dropped => 0;

        public override void Dispose()
        {
        }
    }
}
