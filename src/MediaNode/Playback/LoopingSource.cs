namespace Pbx.MediaNode.Playback;

/// <summary>Plays a source again from its start each time it ends: music on hold, a repeated announcement.</summary>
public sealed class LoopingSource : IAudioSource, IDisposable
{
    private readonly IRewindableAudioSource _inner;

    /// <param name="inner">The source to repeat; disposed with this one when it is disposable.</param>
    public LoopingSource(IRewindableAudioSource inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>How many times the source has wrapped around.</summary>
    public int Loops { get; private set; }

    /// <inheritdoc />
    public int Read(Span<short> frame)
    {
        int done = 0;
        while (done < frame.Length)
        {
            int read = _inner.Read(frame[done..]);
            if (read > 0)
            {
                done += read;
                continue;
            }
            _inner.Rewind();
            Loops++;
            // An empty file would spin here for ever: it ends the loop instead.
            read = _inner.Read(frame[done..]);
            if (read == 0)
                return done;
            done += read;
        }
        return done;
    }

    /// <inheritdoc />
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
