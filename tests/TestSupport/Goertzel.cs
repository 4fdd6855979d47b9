namespace Pbx.TestSupport;

/// <summary>How much of a signal's energy lies at one frequency: a Goertzel filter, as a listener's ear picks out a tone.</summary>
public static class Goertzel
{
    /// <summary>
    /// Share of the energy of <paramref name="samples"/> at <paramref name="frequency"/>: 1 for a pure tone, near 0 for
    /// silence, noise or another tone. A sine of amplitude A over N samples gives Goertzel power (A N / 2)^2 and energy
    /// A^2 N / 2, so power over energy, over N / 2, is 1.
    /// </summary>
    public static double ToneShare(ReadOnlySpan<short> samples, double frequency, int sampleRate = 8000)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (var sample in samples)
        {
            var s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double)sample * sample;
        }
        if (energy == 0)
            return 0;
        var power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / (energy * samples.Length / 2);
    }
}
