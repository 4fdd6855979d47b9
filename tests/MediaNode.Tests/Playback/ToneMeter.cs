namespace Pbx.MediaNode.Tests.Playback;

/// <summary>Measures audio the way a listener would notice: loudness and where the energy sits in frequency.</summary>
internal static class ToneMeter
{
    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
            sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Share of the energy of <paramref name="samples"/> that lies at <paramref name="frequency"/> (1 for a pure tone).</summary>
    public static double ShareAt(ReadOnlySpan<short> samples, double frequency, int sampleRate = 8000)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (var x in samples)
        {
            double s = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double)x * x;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / (energy * samples.Length / 2);
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
