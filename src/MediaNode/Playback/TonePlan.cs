namespace Pbx.MediaNode.Playback;

/// <summary>
/// A national set of call-progress tones. ITU-T E.180 recommends 425 Hz with the cadences of
/// <see cref="Europe"/>; other plans keep their historical frequencies (E.180 supplement 2 lists them).
/// </summary>
/// <param name="Dial">Dial tone.</param>
/// <param name="Ringback">Ringing tone heard by the caller while the callee rings.</param>
/// <param name="Busy">Busy tone.</param>
/// <param name="Congestion">Congestion (reorder) tone: the network, not the callee, cannot take the call.</param>
public sealed record TonePlan(ToneSpec Dial, ToneSpec Ringback, ToneSpec Busy, ToneSpec Congestion)
{
    /// <summary>CEPT/ETSI plan (ETSI TR 101 041): 425 Hz; ringback 1 s on 4 s off, busy 0.5/0.5 s, congestion 0.25/0.25 s.</summary>
    public static TonePlan Europe { get; } = new(
        ToneSpec.Continuous(425),
        ToneSpec.Cadenced(425, 0, -13, 1000, 4000),
        ToneSpec.Cadenced(425, 0, -13, 500, 500),
        ToneSpec.Cadenced(425, 0, -13, 250, 250));

    /// <summary>North American precise tone plan (ANSI T1.401): dial 350+440, ringback 440+480 2/4 s, busy and reorder 480+620.</summary>
    public static TonePlan NorthAmerica { get; } = new(
        ToneSpec.Continuous(350, 440),
        ToneSpec.Cadenced(440, 480, -19, 2000, 4000),
        ToneSpec.Cadenced(480, 620, -24, 500, 500),
        ToneSpec.Cadenced(480, 620, -24, 250, 250));

    /// <summary>United Kingdom (BT SIN 350): dial 350+440, ringback 400+450 double ring, busy and congestion 400 Hz.</summary>
    public static TonePlan UnitedKingdom { get; } = new(
        ToneSpec.Continuous(350, 440),
        ToneSpec.Cadenced(400, 450, -19, 400, 200, 400, 2000),
        ToneSpec.Cadenced(400, 0, -13, 375, 375),
        ToneSpec.Cadenced(400, 0, -13, 400, 350, 225, 525));
}
