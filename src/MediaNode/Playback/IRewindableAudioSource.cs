namespace Pbx.MediaNode.Playback;

/// <summary>A source that can start again from its beginning, which is what <see cref="LoopingSource"/> needs.</summary>
public interface IRewindableAudioSource : IAudioSource
{
    /// <summary>Positions the source at its first sample.</summary>
    void Rewind();
}
