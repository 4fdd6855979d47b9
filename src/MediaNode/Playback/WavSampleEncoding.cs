namespace Pbx.MediaNode.Playback;

/// <summary>How the samples of a WAV file's data chunk are coded.</summary>
public enum WavSampleEncoding
{
    /// <summary>Unsigned 8-bit PCM, offset 128.</summary>
    Pcm8,

    /// <summary>Signed 16-bit little-endian PCM.</summary>
    Pcm16,

    /// <summary>ITU-T G.711 mu-law, one byte per sample (WAVE_FORMAT_MULAW, tag 7).</summary>
    MuLaw,

    /// <summary>ITU-T G.711 A-law, one byte per sample (WAVE_FORMAT_ALAW, tag 6).</summary>
    ALaw,
}
