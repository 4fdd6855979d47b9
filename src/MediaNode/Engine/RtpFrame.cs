namespace Pbx.MediaNode.Engine;

/// <summary>The unit of generated audio: 20 ms at 8 kHz, one G.711 packet (RFC 3551 section 4.5).</summary>
internal static class RtpFrame
{
    public const int Samples = 160;

    /// <summary>A frame of silence for legs that sent nothing this tick.</summary>
    public static readonly short[] Silence = new short[Samples];
}
