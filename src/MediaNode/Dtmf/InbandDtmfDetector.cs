namespace Pbx.MediaNode.Dtmf;

/// <summary>
/// Finds DTMF keys in 8 kHz PCM (phones that send keys as audio, trunks without RFC 4733). Each block of
/// 102 samples (12.75 ms) is run through Goertzel filters at the eight key frequencies; a block counts as a key
/// only if one row and one column stand out (ITU-T Q.24 acceptance rules, the tests spandsp and Asterisk use):
/// <list type="bullet">
/// <item>each tone above <see cref="MinimumLevelDbm0"/>;</item>
/// <item>twist within 8 dB (row louder, "normal", as line loss favours low frequencies) and 4 dB (column louder, "reverse");</item>
/// <item>each tone 8 dB above the other tones of its group;</item>
/// <item>the two tones hold most of the block's energy (speech and noise spread theirs);</item>
/// <item>no strong second harmonic (voiced speech is rich in harmonics, a key is two pure sines).</item>
/// </list>
/// A key is reported when two consecutive blocks agree on it (at least 25.5 ms; Q.24 requires accepting 40 ms)
/// and a new key, or the same key again, needs two blocks without it first, so a held key is reported once.
/// </summary>
public sealed class InbandDtmfDetector
{
    /// <summary>Samples per analysis block: 102 at 8 kHz resolves the 73 Hz gap between adjacent rows.</summary>
    public const int BlockSize = 102;

    /// <summary>Weakest tone accepted, per frequency.</summary>
    public const double MinimumLevelDbm0 = -32;

    private const int SampleRate = 8000;
    private const float NormalTwist = 6.31f;            // 8 dB
    private const float ReverseTwist = 2.51f;           // 4 dB
    private const float RelativePeak = 6.31f;           // 8 dB
    private const float ToneEnergyShare = 0.6f;
    // Row harmonics (1394-1882 Hz) sit next to column frequencies and catch their leakage, so rows get a looser
    // bound than columns, whose harmonics (2418-3266 Hz) lie clear of every key frequency.
    private const float RowHarmonicRatio = 2.5f;         // 4 dB
    private const float ColumnHarmonicRatio = 31.6f;     // 15 dB

    private static readonly float[] RowCoefficients = Coefficients(DtmfDigits.RowFrequencies, 1);
    private static readonly float[] ColumnCoefficients = Coefficients(DtmfDigits.ColumnFrequencies, 1);
    private static readonly float[] RowHarmonicCoefficients = Coefficients(DtmfDigits.RowFrequencies, 2);
    private static readonly float[] ColumnHarmonicCoefficients = Coefficients(DtmfDigits.ColumnFrequencies, 2);

    // Goertzel output of a sine of amplitude A over N samples is (A*N/2)^2; the level floor in those units.
    private static readonly float MinimumPower = MathF.Pow(
        (float)(32124 / 1.4408 * Math.Pow(10, MinimumLevelDbm0 / 20)) * BlockSize / 2, 2);

    private readonly Action<char> _onDigit;
    private readonly float[] _block = new float[BlockSize];
    private int _filled;
    private char _lastBlock;
    private char _current;

    /// <param name="onDigit">Called once per key press, on the thread that calls <see cref="Process"/>.</param>
    public InbandDtmfDetector(Action<char> onDigit)
    {
        ArgumentNullException.ThrowIfNull(onDigit);
        _onDigit = onDigit;
    }

    /// <summary>Feeds samples of any length; keys are reported as soon as they are confirmed.</summary>
    public void Process(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty)
        {
            int take = Math.Min(samples.Length, BlockSize - _filled);
            for (int i = 0; i < take; i++)
                _block[_filled + i] = samples[i];
            _filled += take;
            samples = samples[take..];
            if (_filled == BlockSize)
            {
                _filled = 0;
                Debounce(Classify(_block));
            }
        }
    }

    /// <summary>Forgets partial blocks and the key in progress (after a hold, a new stream).</summary>
    public void Reset()
    {
        _filled = 0;
        _lastBlock = '\0';
        _current = '\0';
    }

    private void Debounce(char hit)
    {
        // State changes need two blocks in agreement: one stray block neither starts nor breaks a key.
        if (hit == _lastBlock && hit != _current)
        {
            _current = hit;
            if (hit != '\0')
                _onDigit(hit);
        }
        _lastBlock = hit;
    }

    private static char Classify(ReadOnlySpan<float> block)
    {
        Span<float> rows = stackalloc float[4];
        Span<float> columns = stackalloc float[4];
        for (int i = 0; i < 4; i++)
        {
            rows[i] = Goertzel(block, RowCoefficients[i]);
            columns[i] = Goertzel(block, ColumnCoefficients[i]);
        }
        int row = IndexOfMax(rows);
        int column = IndexOfMax(columns);
        float rowPower = rows[row];
        float columnPower = columns[column];
        if (rowPower < MinimumPower || columnPower < MinimumPower)
            return '\0';
        if (columnPower > rowPower * ReverseTwist || rowPower > columnPower * NormalTwist)
            return '\0';
        for (int i = 0; i < 4; i++)
        {
            if ((i != row && rows[i] * RelativePeak > rowPower) || (i != column && columns[i] * RelativePeak > columnPower))
                return '\0';
        }
        float energy = 0;
        foreach (float sample in block)
            energy += sample * sample;
        // A pure tone's Goertzel power is N/2 times its share of the block energy.
        if (rowPower + columnPower < ToneEnergyShare * energy * (BlockSize / 2f))
            return '\0';
        if (Goertzel(block, RowHarmonicCoefficients[row]) * RowHarmonicRatio > rowPower
            || Goertzel(block, ColumnHarmonicCoefficients[column]) * ColumnHarmonicRatio > columnPower)
            return '\0';
        return DtmfDigits.FromPosition(row, column);
    }

    private static float Goertzel(ReadOnlySpan<float> block, float coefficient)
    {
        float s1 = 0, s2 = 0;
        foreach (float sample in block)
        {
            float s = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    private static int IndexOfMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }

    private static float[] Coefficients(ReadOnlySpan<double> frequencies, int harmonic)
    {
        var result = new float[frequencies.Length];
        for (int i = 0; i < frequencies.Length; i++)
            result[i] = (float)(2 * Math.Cos(2 * Math.PI * harmonic * frequencies[i] / SampleRate));
        return result;
    }
}
