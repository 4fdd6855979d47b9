using System.Buffers.Binary;

namespace Pbx.Audio;

/// <summary>One WAV sample of any <see cref="WavSampleEncoding"/> as 16-bit linear PCM: what playback and prompt conversion hear.</summary>
public static class WavSamples
{
    /// <summary>Bytes one sample of one channel takes.</summary>
    public static int Size(WavSampleEncoding encoding) => encoding switch
    {
        WavSampleEncoding.Pcm16 => 2,
        WavSampleEncoding.Pcm24 => 3,
        WavSampleEncoding.Pcm32 or WavSampleEncoding.Float32 => 4,
        WavSampleEncoding.Float64 => 8,
        _ => 1,
    };

    /// <summary>Sample <paramref name="index"/> of <paramref name="raw"/> (interleaved channels count as separate samples).</summary>
    public static short Decode(WavSampleEncoding encoding, ReadOnlySpan<byte> raw, int index) => encoding switch
    {
        WavSampleEncoding.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(raw[(index * 2)..]),
        WavSampleEncoding.MuLaw => G711.MuLawToLinear(raw[index]),
        WavSampleEncoding.ALaw => G711.ALawToLinear(raw[index]),
        // The top 16 bits: the rest is below what a 16-bit prompt keeps.
        WavSampleEncoding.Pcm24 => (short)((raw[index * 3 + 1]) | (sbyte)raw[index * 3 + 2] << 8),
        WavSampleEncoding.Pcm32 => (short)(BinaryPrimitives.ReadInt32LittleEndian(raw[(index * 4)..]) >> 16),
        WavSampleEncoding.Float32 => FromFloat(BinaryPrimitives.ReadSingleLittleEndian(raw[(index * 4)..])),
        WavSampleEncoding.Float64 => FromFloat((float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(index * 8)..])),
        _ => (short)((raw[index] - 128) << 8),
    };

    /// <summary>A float sample at full scale +-1.0 as 16-bit PCM, clipped (NaN is silence).</summary>
    public static short FromFloat(float sample) =>
        float.IsNaN(sample) ? (short)0 : (short)Math.Clamp(MathF.Round(sample * 32767f), short.MinValue, short.MaxValue);
}
