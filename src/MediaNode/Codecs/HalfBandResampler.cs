namespace Pbx.MediaNode.Codecs;

/// <summary>
/// Streaming 2:1 rate change between 16 and 8 kHz for one direction of one stream: a windowed-sinc low-pass at 3.6 kHz
/// (the telephone band's edge) before dropping every other sample, or after inserting zeros. Keeps its filter history
/// across calls, so 20 ms packets join without clicks.
/// </summary>
internal sealed class HalfBandResampler
{
    private const int Taps = 31;
    private static readonly float[] Kernel = Design();

    private readonly float[] _history = new float[Taps - 1];
    private float[] _work = new float[Taps - 1 + 640];

    /// <summary>16 kHz to 8 kHz: <paramref name="output"/> gets half as many samples as <paramref name="wide"/> has.</summary>
    public void Decimate(ReadOnlySpan<short> wide, Span<short> output)
    {
        var work = Load(wide.Length);
        for (var i = 0; i < wide.Length; i++)
            work[Taps - 1 + i] = wide[i];
        for (var n = 0; n < wide.Length / 2; n++)
            output[n] = Clip(Filter(work, 2 * n + 1));
        Keep(work, wide.Length);
    }

    /// <summary>8 kHz to 16 kHz: <paramref name="output"/> gets twice as many samples as <paramref name="narrow"/> has.</summary>
    public void Interpolate(ReadOnlySpan<short> narrow, Span<short> output)
    {
        var length = 2 * narrow.Length;
        var work = Load(length);
        for (var i = 0; i < narrow.Length; i++)
        {
            // Zero stuffing halves the energy per sample; the gain of 2 restores the level.
            work[Taps - 1 + 2 * i] = 2 * narrow[i];
            work[Taps - 1 + 2 * i + 1] = 0;
        }
        for (var n = 0; n < length; n++)
            output[n] = Clip(Filter(work, n));
        Keep(work, length);
    }

    private float[] Load(int length)
    {
        if (_work.Length < Taps - 1 + length)
            _work = new float[Taps - 1 + length];
        _history.CopyTo(_work, 0);
        return _work;
    }

    private void Keep(float[] work, int length) => Array.Copy(work, length, _history, 0, Taps - 1);

    // Output n is the filter over the Taps samples ending at input n (work index n + Taps - 1).
    private static float Filter(float[] work, int n)
    {
        var sum = 0f;
        for (var k = 0; k < Taps; k++)
            sum += Kernel[k] * work[n + k];
        return sum;
    }

    private static short Clip(float value) => (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);

    private static float[] Design()
    {
        const double cutoff = 3600.0 / 16000;
        var kernel = new float[Taps];
        double sum = 0;
        for (var k = 0; k < Taps; k++)
        {
            var m = k - (Taps - 1) / 2.0;
            var sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            var blackman = 0.42 - 0.5 * Math.Cos(2 * Math.PI * k / (Taps - 1)) + 0.08 * Math.Cos(4 * Math.PI * k / (Taps - 1));
            kernel[k] = (float)(sinc * blackman);
            sum += kernel[k];
        }
        // Unity gain at DC.
        for (var k = 0; k < Taps; k++)
            kernel[k] = (float)(kernel[k] / sum);
        return kernel;
    }
}
