using Pbx.Grains.Media;

namespace Pbx.Grains.Tests.Media;

/// <summary>An <see cref="IMediaEvents"/> for allocations in tests; the routing tests expect no event.</summary>
internal sealed class QueuedMediaEvents : IMediaEvents
{
    public List<object> Events { get; } = [];

    public Task OnDtmfAsync(DtmfReceived dtmf) => Add(dtmf);

    public Task OnMediaTimeoutAsync(MediaTimedOut timeout) => Add(timeout);

    public Task OnPlaybackCompletedAsync(PlaybackCompleted completed) => Add(completed);

    private Task Add(object e)
    {
        lock (Events)
            Events.Add(e);
        return Task.CompletedTask;
    }
}
