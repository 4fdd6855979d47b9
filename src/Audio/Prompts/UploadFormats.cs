namespace Pbx.Audio.Prompts;

/// <summary>Recognises an upload's <see cref="UploadFormat"/> from its first bytes.</summary>
public static class UploadFormats
{
    /// <summary>Bytes <see cref="Recognise"/> needs to decide (an Ogg page header and its first packet's codec id).</summary>
    public const int HeadLength = 36;

    /// <summary>What the API tells a client whose file is none of them.</summary>
    public const string Accepted =
        "WAV (PCM 8/16/24/32-bit, 32/64-bit float, mu-law, A-law; any rate and channels), MP3, Ogg Vorbis";

    /// <summary>How people name <paramref name="format"/>.</summary>
    public static string Name(UploadFormat format) => format switch
    {
        UploadFormat.Wav => "WAV",
        UploadFormat.Mp3 => "MP3",
        _ => "Ogg Vorbis",
    };

    /// <summary>The format <paramref name="head"/> (the file's first bytes) starts, or null for anything else.</summary>
    public static UploadFormat? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
            return UploadFormat.Wav;
        // An Ogg page header is 27 bytes plus its segment table; a Vorbis stream's first packet starts "\x01vorbis"
        // (Vorbis I 4.2.1). Opus or FLAC in Ogg are other codecs, not accepted.
        if (head.Length >= 5 && head[..4].SequenceEqual("OggS"u8))
            return head.Length >= HeadLength && head[28..35].SequenceEqual("\u0001vorbis"u8) ? UploadFormat.OggVorbis : null;
        if (head.Length >= 3 && head[..3].SequenceEqual("ID3"u8))
            return UploadFormat.Mp3;
        // An MPEG audio frame: 11 sync bits, then version and layer; layer bits 01 are layer III (ISO 11172-3 2.4.2.3).
        // ADTS AAC shares the sync but has layer bits 00.
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02)
            return UploadFormat.Mp3;
        return null;
    }
}
