using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>Conversions between a leg's payload and 8 kHz linear PCM (G.711, G.722), and between the two G.711 laws.</summary>
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

    /// <summary>Decodes a payload of the leg's codec into as many 8 kHz linear samples.</summary>
    /// <param name="codec">The leg's codec.</param>
    /// <param name="g722">The leg's G.722 state when its codec is G.722.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="samples">Receives one sample per payload byte.</param>
    public static void Decode(SdpFormat codec, G722Narrowband? g722, ReadOnlySpan<byte> payload, Span<short> samples)
    {
        if (codec.IsG722)
            Wideband(codec, g722).Decode(payload, samples);
        else if (codec.SameCodec(SdpFormat.Pcma))
            G711.DecodeALaw(payload, samples);
        else
            G711.DecodeMuLaw(payload, samples);
    }

    /// <summary>Encodes 8 kHz linear samples into as many payload bytes of the leg's codec.</summary>
    /// <param name="codec">The leg's codec.</param>
    /// <param name="g722">The leg's G.722 state when its codec is G.722.</param>
    /// <param name="samples">The samples.</param>
    /// <param name="payload">Receives one byte per sample.</param>
    public static void Encode(SdpFormat codec, G722Narrowband? g722, ReadOnlySpan<short> samples, Span<byte> payload)
    {
        if (codec.IsG722)
            Wideband(codec, g722).Encode(samples, payload);
        else if (codec.SameCodec(SdpFormat.Pcma))
            G711.EncodeALaw(samples, payload);
        else
            G711.EncodeMuLaw(samples, payload);
    }

    private static G722Narrowband Wideband(SdpFormat codec, G722Narrowband? g722) =>
        g722 ?? throw new InvalidOperationException($"a {codec.Encoding} leg has no G.722 state: it is created when the codec is negotiated");
}
