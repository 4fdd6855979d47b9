using Pbx.Grains.Media;
using Pbx.MediaNode.Playback;

namespace Pbx.MediaNode.Engine;

/// <summary>A prompt or tone playing on a leg: the request it came from and the source the media clock reads.</summary>
/// <param name="Request">What was asked for; its id and barge-in flag matter while it plays.</param>
/// <param name="Source">8 kHz audio, read one frame per tick.</param>
internal sealed record ActivePlayback(PlaybackRequest Request, IAudioSource Source) : IDisposable
{
    public void Dispose() => (Source as IDisposable)?.Dispose();
}
