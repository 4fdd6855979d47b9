namespace Pbx.MediaNode.Codecs;

/// <summary>ITU-T G.722 decoder at 64 kbit/s: each byte gives two 16 kHz samples. Stateful: one per stream.</summary>
public sealed class G722Decoder
{
    private readonly G722Band _low = new(32);
    private readonly G722Band _high = new(8);
    private readonly int[] _history = new int[24];

    /// <summary>Decodes <paramref name="codes"/> into twice as many 16 kHz samples of <paramref name="output"/>.</summary>
    /// <returns>Samples written.</returns>
    public int Decode(ReadOnlySpan<byte> codes, Span<short> output)
    {
        if (output.Length < 2 * codes.Length)
            throw new ArgumentException($"{codes.Length} G.722 bytes decode to {2 * codes.Length} samples, room for {output.Length}.", nameof(output));
        var qmf = G722Tables.Qmf;
        for (var n = 0; n < codes.Length; n++)
        {
            var code = codes[n];
            var low = DecodeLow(code & 0x3F);
            var high = DecodeHigh(code >> 6);
            // Receive QMF (section 4.4): the two bands interleave back into 16 kHz.
            _history.AsSpan(2).CopyTo(_history);
            _history[22] = low + high;
            _history[23] = low - high;
            int out1 = 0, out2 = 0;
            for (var i = 0; i < 12; i++)
            {
                out2 += _history[2 * i] * qmf[i];
                out1 += _history[2 * i + 1] * qmf[11 - i];
            }
            output[2 * n] = (short)G722Band.Saturate(out1 >> 11);
            output[2 * n + 1] = (short)G722Band.Saturate(out2 >> 11);
        }
        return 2 * codes.Length;
    }

    // Blocks 5L (INVQBL, RECONS), 6L (LIMIT), then the predictor update on the 4-bit code as the encoder did it.
    private int DecodeLow(int code)
    {
        var output = Math.Clamp(_low.Prediction + ((_low.Scale * G722Tables.LowInverse6[code]) >> 15), -16384, 16383);
        var coarse = code >> 2;
        var quantised = (_low.Scale * G722Tables.LowInverse4[coarse]) >> 15;
        _low.AdaptScale(G722Tables.LowStep[G722Tables.LowClass[coarse]], G722Tables.LowCeiling, G722Tables.LowShift);
        _low.Update(quantised);
        return output;
    }

    // Blocks 2H (INVQAH), 5H (RECONS), 6H (LIMIT) and the update.
    private int DecodeHigh(int code)
    {
        var quantised = (_high.Scale * G722Tables.HighInverse[code]) >> 15;
        var output = Math.Clamp(_high.Prediction + quantised, -16384, 16383);
        _high.AdaptScale(G722Tables.HighStep[G722Tables.HighClass[code]], G722Tables.HighCeiling, G722Tables.HighShift);
        _high.Update(quantised);
        return output;
    }
}
