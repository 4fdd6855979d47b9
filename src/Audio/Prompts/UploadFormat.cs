namespace Pbx.Audio.Prompts;

/// <summary>The audio formats a prompt may be uploaded in, told apart by their first bytes, never by name or content type.</summary>
public enum UploadFormat
{
    /// <summary>RIFF WAVE: PCM 8/16/24/32-bit, 32/64-bit float, mu-law or A-law.</summary>
    Wav,

    /// <summary>MPEG-1/2 audio layer III, with or without an ID3v2 tag; decoded in-process by NLayer.</summary>
    Mp3,

    /// <summary>Vorbis in an Ogg container; decoded by NVorbis.</summary>
    OggVorbis,
}
