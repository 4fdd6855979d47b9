namespace Pbx.MediaNode.Playback;

/// <summary>Generates a <see cref="ToneSpec"/> at 8 kHz, for ever or for a fixed duration.</summary>
public sealed class ToneSource : IRewindableAudioSource
{
    // Peak of a 0 dBm0 sine in 16-bit PCM: G.711's overload (mu-law 32124) sits 3.17 dB above 0 dBm0.
    private const double ZeroDbm0Peak = 32124 / 1.4408;

    private readonly double _step1;
    private readonly double _step2;
    private readonly double _amplitude;
    private readonly int[] _cadenceSamples;
    private readonly int _cycleSamples;
    private readonly long _lengthSamples;
    private long _position;

    /// <param name="spec">Frequencies, level and cadence.</param>
    /// <param name="duration">How long to play; null plays until the caller stops reading.</param>
    public ToneSource(ToneSpec spec, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _step1 = 2 * Math.PI * spec.Frequency1 / WavFileSource.OutputRate;
        _step2 = 2 * Math.PI * spec.Frequency2 / WavFileSource.OutputRate;
        _amplitude = ZeroDbm0Peak * Math.Pow(10, spec.LevelDbm0 / 20);
        _cadenceSamples = new int[spec.Cadence.Count];
        for (int i = 0; i < _cadenceSamples.Length; i++)
        {
            _cadenceSamples[i] = (int)(spec.Cadence[i].Ticks * WavFileSource.OutputRate / TimeSpan.TicksPerSecond);
            _cycleSamples += _cadenceSamples[i];
        }
        _lengthSamples = duration is { } d ? d.Ticks * WavFileSource.OutputRate / TimeSpan.TicksPerSecond : long.MaxValue;
    }

    /// <summary>A two-frequency tone (a DTMF digit, a custom signal) of a fixed length.</summary>
    public static ToneSource DualTone(double frequency1, double frequency2, TimeSpan duration, double levelDbm0 = -10) =>
        new(ToneSpec.Continuous(frequency1, frequency2, levelDbm0), duration);

    /// <inheritdoc />
    public int Read(Span<short> frame)
    {
        int count = (int)Math.Min(frame.Length, _lengthSamples - _position);
        for (int i = 0; i < count; i++, _position++)
        {
            if (!IsOn(_position))
            {
                frame[i] = 0;
                continue;
            }
            // Phases from the absolute sample index rather than an accumulator: no drift over an hour of ringback.
            double value = Math.Sin(_step1 * _position);
            if (_step2 != 0)
                value += Math.Sin(_step2 * _position);
            frame[i] = (short)Math.Round(_amplitude * value);
        }
        return count;
    }

    /// <inheritdoc />
    public void Rewind() => _position = 0;

    private bool IsOn(long position)
    {
        if (_cycleSamples == 0)
            return true;
        long offset = position % _cycleSamples;
        for (int i = 0; i < _cadenceSamples.Length; i++)
        {
            if (offset < _cadenceSamples[i])
                return i % 2 == 0;
            offset -= _cadenceSamples[i];
        }
        return false;
    }
}
