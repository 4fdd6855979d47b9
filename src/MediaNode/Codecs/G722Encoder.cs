namespace Pbx.MediaNode.Codecs;

/// <summary>
/// ITU-T G.722 encoder at 64 kbit/s: 16 kHz linear PCM split by a quadrature mirror filter into two 8 kHz sub-bands,
/// the lower coded with 6-bit and the higher with 2-bit ADPCM, one byte per pair of input samples. Stateful: one per stream.
/// </summary>
public sealed class G722Encoder
{
    private readonly G722Band _low = new(32);
    private readonly G722Band _high = new(8);
    private readonly int[] _history = new int[24];

    /// <summary>Encodes <paramref name="samples"/> (16 kHz, even count) into half as many bytes of <paramref name="output"/>.</summary>
    /// <returns>Bytes written.</returns>
    public int Encode(ReadOnlySpan<short> samples, Span<byte> output)
    {
        if ((samples.Length & 1) != 0 || output.Length < samples.Length / 2)
            throw new ArgumentException($"G.722 codes sample pairs: {samples.Length} samples need an even count and {samples.Length / 2} bytes, got {output.Length}.", nameof(samples));
        var qmf = G722Tables.Qmf;
        for (var n = 0; n < samples.Length / 2; n++)
        {
            // Transmit QMF (section 3.4): only every other output of each band is kept.
            _history.AsSpan(2).CopyTo(_history);
            _history[22] = samples[2 * n];
            _history[23] = samples[2 * n + 1];
            int sumEven = 0, sumOdd = 0;
            for (var i = 0; i < 12; i++)
            {
                sumOdd += _history[2 * i] * qmf[i];
                sumEven += _history[2 * i + 1] * qmf[11 - i];
            }
            var low = EncodeLow((sumEven + sumOdd) >> 14);
            var high = EncodeHigh((sumEven - sumOdd) >> 14);
            output[n] = (byte)((high << 6) | low);
        }
        return samples.Length / 2;
    }

    // Blocks 1L (SUBTRA, QUANTL), 2L (INVQAL), 3L and 4 for the lower band.
    private int EncodeLow(int input)
    {
        var difference = G722Band.Saturate(input - _low.Prediction);
        var magnitude = difference >= 0 ? difference : -(difference + 1);
        var decision = G722Tables.LowDecision;
        int level;
        for (level = 1; level < 30; level++)
        {
            if (magnitude < (decision[level] * _low.Scale) >> 12)
                break;
        }
        var code = difference < 0 ? G722Tables.LowNegativeCode[level] : G722Tables.LowPositiveCode[level];
        // The predictor sees only the 4 most significant bits, so a receiver dropping bits stays in step (section 3.3).
        var coarse = code >> 2;
        var quantised = (_low.Scale * G722Tables.LowInverse4[coarse]) >> 15;
        _low.AdaptScale(G722Tables.LowStep[G722Tables.LowClass[coarse]], G722Tables.LowCeiling, G722Tables.LowShift);
        _low.Update(quantised);
        return code;
    }

    // Blocks 1H (SUBTRA, QUANTH), 2H (INVQAH), 3H and 4 for the higher band.
    private int EncodeHigh(int input)
    {
        var difference = G722Band.Saturate(input - _high.Prediction);
        var magnitude = difference >= 0 ? difference : -(difference + 1);
        var large = magnitude >= (564 * _high.Scale) >> 12 ? 2 : 1;
        var code = difference < 0 ? G722Tables.HighNegativeCode[large] : G722Tables.HighPositiveCode[large];
        var quantised = (_high.Scale * G722Tables.HighInverse[code]) >> 15;
        _high.AdaptScale(G722Tables.HighStep[G722Tables.HighClass[code]], G722Tables.HighCeiling, G722Tables.HighShift);
        _high.Update(quantised);
        return code;
    }
}
