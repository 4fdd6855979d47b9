using System.Buffers.Binary;

namespace Pbx.Audio.Prompts;

/// <summary>
/// The media node's playback format: 8 kHz mono 16-bit PCM WAV, which it plays with no resampling or transcoding work
/// beyond G.711 encoding.
/// </summary>
public static class PlaybackWav
{
    public const int SampleRate = 8000;

    /// <summary>Bytes of the canonical 44-byte header (RIFF, fmt, data).</summary>
    public const int HeaderLength = 44;

    /// <summary>Writes the header of a file holding <paramref name="dataBytes"/> bytes of samples.</summary>
    public static void WriteHeader(Span<byte> header, long dataBytes)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
    }
}
