namespace Pbx.MediaNode.Codecs;

/// <summary>
/// The adaptive predictor of one G.722 sub-band (ITU-T G.722 section 6.2, blocks 3 and 4), shared by encoder and decoder:
/// both run it on the same quantised difference, so their predictions stay identical without side information.
/// </summary>
internal sealed class G722Band
{
    // Pole section (2 coefficients) and zero section (6), with their delay lines; index 0 is the newest.
    private readonly int[] _a = new int[3];
    private readonly int[] _ap = new int[3];
    private readonly int[] _b = new int[7];
    private readonly int[] _bp = new int[7];
    private readonly int[] _d = new int[7];
    private readonly int[] _p = new int[3];
    private readonly int[] _r = new int[3];
    private readonly int[] _sg = new int[7];
    private int _sp;
    private int _sz;

    /// <param name="initialScale">Starting quantiser scale: 32 for the lower band, 8 for the higher (section 6.2.1.4).</param>
    public G722Band(int initialScale) => Scale = initialScale;

    /// <summary>The predicted signal, s (block 4, PREDIC).</summary>
    public int Prediction { get; private set; }

    /// <summary>Quantiser scale factor, DET (blocks 3L/3H, SCALEL/SCALEH).</summary>
    public int Scale { get; private set; }

    // Logarithmic scale factor, NBL/NBH.
    private int _logScale;

    /// <summary>
    /// Blocks 3 LOGSCL/LOGSCH and SCALEL/SCALEH: adapts the scale from the code's log multiplier
    /// <paramref name="step"/>, with <paramref name="ceiling"/> 18432 (lower) or 22528 (higher) and
    /// <paramref name="shift"/> 8 or 10.
    /// </summary>
    public void AdaptScale(int step, int ceiling, int shift)
    {
        _logScale = Math.Clamp(((_logScale * 127) >> 7) + step, 0, ceiling);
        var index = (_logScale >> 6) & 31;
        var exponent = shift - (_logScale >> 11);
        var linear = exponent < 0 ? G722Tables.InverseLog[index] << -exponent : G722Tables.InverseLog[index] >> exponent;
        Scale = linear << 2;
    }

    /// <summary>Block 4: reconstructs with difference <paramref name="d"/> and adapts both predictor sections.</summary>
    public void Update(int d)
    {
        // RECONS and PARREC.
        _d[0] = d;
        _r[0] = Saturate(Prediction + d);
        _p[0] = Saturate(_sz + d);

        // UPPOL2: second pole coefficient.
        for (var i = 0; i < 3; i++)
            _sg[i] = _p[i] >> 15;
        var wd1 = Saturate(_a[1] << 2);
        var wd2 = _sg[0] == _sg[1] ? -wd1 : wd1;
        if (wd2 > 32767)
            wd2 = 32767;
        var wd3 = (wd2 >> 7) + (_sg[0] == _sg[2] ? 128 : -128);
        wd3 += (_a[2] * 32512) >> 15;
        _ap[2] = Math.Clamp(wd3, -12288, 12288);

        // UPPOL1: first pole coefficient, bounded by the second so the filter stays stable.
        _sg[0] = _p[0] >> 15;
        _sg[1] = _p[1] >> 15;
        wd1 = _sg[0] == _sg[1] ? 192 : -192;
        wd2 = (_a[1] * 32640) >> 15;
        _ap[1] = Saturate(wd1 + wd2);
        wd3 = Saturate(15360 - _ap[2]);
        _ap[1] = Math.Clamp(_ap[1], -wd3, wd3);

        // UPZERO: sign-sign adaptation of the six zero coefficients.
        wd1 = d == 0 ? 0 : 128;
        _sg[0] = d >> 15;
        for (var i = 1; i < 7; i++)
        {
            _sg[i] = _d[i] >> 15;
            wd2 = _sg[i] == _sg[0] ? wd1 : -wd1;
            wd3 = (_b[i] * 32640) >> 15;
            _bp[i] = Saturate(wd2 + wd3);
        }

        // DELAYA.
        for (var i = 6; i > 0; i--)
        {
            _d[i] = _d[i - 1];
            _b[i] = _bp[i];
        }
        for (var i = 2; i > 0; i--)
        {
            _r[i] = _r[i - 1];
            _p[i] = _p[i - 1];
            _a[i] = _ap[i];
        }

        // FILTEP, FILTEZ, PREDIC.
        wd1 = (_a[1] * Saturate(_r[1] + _r[1])) >> 15;
        wd2 = (_a[2] * Saturate(_r[2] + _r[2])) >> 15;
        _sp = Saturate(wd1 + wd2);
        var sz = 0;
        for (var i = 6; i > 0; i--)
            sz += (_b[i] * Saturate(_d[i] + _d[i])) >> 15;
        _sz = Saturate(sz);
        Prediction = Saturate(_sp + _sz);
    }

    public static int Saturate(int value) => Math.Clamp(value, short.MinValue, short.MaxValue);
}
