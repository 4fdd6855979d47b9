using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>Converts a relayed payload between the two legs' codecs, in place (G.711 variants are one byte per sample).</summary>
internal static class AudioTranscoder
{
    /// <summary>Transcodes <paramref name="payload"/> from <paramref name="from"/> to <paramref name="to"/>; false when no conversion exists.</summary>
    public static bool TryTranscode(SdpFormat from, SdpFormat to, Span<byte> payload) => false;
}
