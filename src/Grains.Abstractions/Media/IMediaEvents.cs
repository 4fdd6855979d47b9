using Orleans;

namespace Pbx.Grains.Media;

/// <summary>What a media node reports back about one endpoint to the grain that allocated it.</summary>
public interface IMediaEvents : IGrainObserver
{
    /// <summary>A DTMF digit was received (RFC 4733 telephone-event or in-band tone), reported once per key press.</summary>
    Task OnDtmfAsync(DtmfReceived dtmf);

    /// <summary>No RTP arrived on the endpoint for the configured media timeout: the far end is probably gone.</summary>
    Task OnMediaTimeoutAsync(MediaTimedOut timeout);

    /// <summary>A prompt or tone started with <see cref="IMediaControl.PlayAsync"/> ended.</summary>
    Task OnPlaybackCompletedAsync(PlaybackCompleted completed);
}
