using Orleans;
namespace Pbx.Grains.Media;

/// <summary>Why a playback ended.</summary>
[GenerateSerializer]
public enum PlaybackOutcome
{
    /// <summary>The whole prompt was played.</summary>
    Finished,

    /// <summary>The caller pressed a key during a barge-in prompt.</summary>
    BargedIn,

    /// <summary>Stopped by <see cref="IMediaControl.StopPlaybackAsync"/>, a new playback, a bridge or release.</summary>
    Stopped,

    /// <summary>The prompt file could not be read.</summary>
    Failed,
}
