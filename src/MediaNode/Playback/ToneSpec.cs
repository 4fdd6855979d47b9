namespace Pbx.MediaNode.Playback;

/// <summary>A call-progress tone: one or two frequencies played on and off in a repeating cadence.</summary>
/// <param name="Frequency1">First frequency in Hz.</param>
/// <param name="Frequency2">Second frequency in Hz, 0 for a single-frequency tone.</param>
/// <param name="LevelDbm0">Level of each frequency in dBm0 (ITU-T G.711: 0 dBm0 is 3.17 dB below the codec's overload).</param>
/// <param name="Cadence">Alternating on and off periods starting with on; empty for a continuous tone.</param>
public sealed record ToneSpec(double Frequency1, double Frequency2, double LevelDbm0, IReadOnlyList<TimeSpan> Cadence)
{
    /// <summary>A steady single or dual tone.</summary>
    public static ToneSpec Continuous(double frequency1, double frequency2 = 0, double levelDbm0 = -13) =>
        new(frequency1, frequency2, levelDbm0, []);

    /// <summary>A tone with the cadence given in milliseconds, on first.</summary>
    public static ToneSpec Cadenced(double frequency1, double frequency2, double levelDbm0, params int[] cadenceMilliseconds) =>
        new(frequency1, frequency2, levelDbm0, Array.ConvertAll(cadenceMilliseconds, ms => TimeSpan.FromMilliseconds(ms)));
}
