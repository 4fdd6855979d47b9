namespace Pbx.MediaNode.Playback;

/// <summary>A stream of 8 kHz mono 16-bit PCM that the media engine pulls one frame at a time.</summary>
public interface IAudioSource
{
    /// <summary>Fills <paramref name="frame"/> from the start; returns the samples written, 0 once the source has ended.</summary>
    int Read(Span<short> frame);
}
