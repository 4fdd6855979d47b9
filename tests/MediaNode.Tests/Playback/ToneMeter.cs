namespace Pbx.MediaNode.Tests.Playback;

/// <summary>Measures audio the way a listener would notice: loudness (tones: <see cref="Pbx.TestSupport.Goertzel"/>).</summary>
internal static class ToneMeter
{
    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
            sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Reads a whole source into an array.</summary>
    public static short[] ReadAll(Pbx.MediaNode.Playback.IAudioSource source)
    {
        var all = new List<short>();
        var frame = new short[160];
        int read;
        while ((read = source.Read(frame)) > 0)
            all.AddRange(frame.AsSpan(0, read));
        return all.ToArray();
    }
}
