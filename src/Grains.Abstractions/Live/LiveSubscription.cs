using System.Threading.Channels;

namespace Pbx.Grains.Live;

/// <summary>A subscriber's view of the live event stream.</summary>
public abstract class LiveSubscription : IDisposable
{
    /// <summary>Events in publish order.</summary>
    public abstract ChannelReader<LiveEvent> Reader { get; }

    /// <summary>How many events were dropped because this subscriber fell behind.</summary>
    public abstract long Dropped { get; }

    /// <inheritdoc />
    public abstract void Dispose();
}
