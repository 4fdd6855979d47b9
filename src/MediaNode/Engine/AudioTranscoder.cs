using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>G.711 conversions between a leg's payload and linear PCM, and between the two G.711 laws.</summary>
internal static class AudioTranscoder
{
    /// <summary>
    /// Transcodes a relayed payload in place between PCMU and PCMA. Both are one byte per sample, so the packet keeps its
    /// size and timestamps; the table maps each code directly, without a linear detour.
    /// </summary>
    public static bool TryTranscode(SdpFormat from, SdpFormat to, Span<byte> payload)
    {
        if (from.SameCodec(SdpFormat.Pcmu) && to.SameCodec(SdpFormat.Pcma))
            G711.MuLawToALaw(payload, payload);
        else if (from.SameCodec(SdpFormat.Pcma) && to.SameCodec(SdpFormat.Pcmu))
            G711.ALawToMuLaw(payload, payload);
        else
            return false;
        return true;
    }

    /// <summary>Decodes a G.711 payload of the leg's codec into linear samples.</summary>
    public static void Decode(SdpFormat codec, ReadOnlySpan<byte> payload, Span<short> samples)
    {
        if (codec.SameCodec(SdpFormat.Pcma))
            G711.DecodeALaw(payload, samples);
        else
            G711.DecodeMuLaw(payload, samples);
    }

    /// <summary>Encodes linear samples into a G.711 payload of the leg's codec.</summary>
    public static void Encode(SdpFormat codec, ReadOnlySpan<short> samples, Span<byte> payload)
    {
        if (codec.SameCodec(SdpFormat.Pcma))
            G711.EncodeALaw(samples, payload);
        else
            G711.EncodeMuLaw(samples, payload);
    }
}
