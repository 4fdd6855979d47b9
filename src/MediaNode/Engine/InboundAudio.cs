namespace Pbx.MediaNode.Engine;

/// <summary>
/// Decoded audio a leg received, handed from its receive loop (the only writer) to the media clock (the only reader)
/// through a lock-free single-producer single-consumer ring. It doubles as a small jitter buffer: the clock starts
/// taking frames once two are buffered and skips ahead when packets bunch up, so mixing and recording run at the
/// clock's pace whatever the network's.
/// </summary>
internal sealed class InboundAudio
{
    private const int Capacity = 2048;
    private const int Prebuffer = 2 * FrameSamples;
    private const int MaxBacklog = 12 * FrameSamples;
    private const int FrameSamples = 160;

    private readonly short[] _ring = new short[Capacity];
    private long _written;
    private long _read;
    private bool _playing;

    /// <summary>Appends samples (receive loop). When the reader lags a whole ring behind, the oldest samples are overwritten.</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        var written = Volatile.Read(ref _written);
        for (var i = 0; i < samples.Length; i++)
            _ring[(written + i) & (Capacity - 1)] = samples[i];
        Volatile.Write(ref _written, written + samples.Length);
    }

    /// <summary>Takes the next 20 ms frame (media clock); false means silence this tick (nothing buffered yet, or a gap).</summary>
    public bool TryTake(Span<short> frame)
    {
        var written = Volatile.Read(ref _written);
        var available = written - _read;
        if (available > MaxBacklog || available < 0)
        {
            // Too far behind (a burst after a stall): drop the excess so the added delay stays at the prebuffer.
            _read = written - Prebuffer;
            available = Prebuffer;
        }
        if (!_playing && available < Prebuffer || available < frame.Length)
        {
            // Underrun: refill the prebuffer before taking again.
            _playing = false;
            return false;
        }
        _playing = true;
        for (var i = 0; i < frame.Length; i++)
            frame[i] = _ring[(_read + i) & (Capacity - 1)];
        _read += frame.Length;
        return true;
    }

    /// <summary>Forgets buffered audio (reader side), when capture starts again after a pause.</summary>
    public void Clear()
    {
        _read = Volatile.Read(ref _written);
        _playing = false;
    }
}
