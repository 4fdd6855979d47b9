namespace Pbx.Audio;

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

    /// <summary>Signed 24-bit little-endian PCM (studio exports).</summary>
    Pcm24,

    /// <summary>Signed 32-bit little-endian PCM.</summary>
    Pcm32,

    /// <summary>IEEE 754 single precision, full scale +-1.0 (WAVE_FORMAT_IEEE_FLOAT, tag 3).</summary>
    Float32,

    /// <summary>IEEE 754 double precision, full scale +-1.0.</summary>
    Float64,
}
