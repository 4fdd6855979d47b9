using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>Events from the media node about the call's endpoints.</summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public Task OnDtmfAsync(DtmfReceived dtmf)
    {
        LogDtmf(CallKey, dtmf.Digit);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnPlaybackCompletedAsync(PlaybackCompleted completed) => Task.CompletedTask;
}
