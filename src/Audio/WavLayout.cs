using System.Buffers.Binary;

namespace Pbx.Audio;

/// <summary>What a RIFF WAVE header says about its data chunk: the coding, the shape, and where the samples are.</summary>
/// <param name="Encoding">Sample coding.</param>
/// <param name="Channels">Interleaved channels, 1 to 8 (averaged to mono when played or converted).</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="DataOffset">File offset of the first sample.</param>
/// <param name="FrameCount">Frames in the data chunk.</param>
public sealed record WavLayout(WavSampleEncoding Encoding, int Channels, int SampleRate, long DataOffset, long FrameCount)
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatALaw = 6;
    private const ushort FormatMuLaw = 7;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Bytes per sample of one channel.</summary>
    public int BytesPerSample => WavSamples.Size(Encoding);

    /// <summary>Bytes per interleaved frame.</summary>
    public int BlockAlign => BytesPerSample * Channels;

    /// <summary>Length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>
    /// Reads the RIFF header of <paramref name="stream"/> and leaves it positioned at the first sample.
    /// Throws <see cref="InvalidDataException"/> naming <paramref name="path"/> and the format when the file is not one we play.
    /// </summary>
    public static WavLayout Read(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12
            || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{path}: not a RIFF WAVE file.");

        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[40];
        int fmtLength = 0;
        while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                fmtLength = (int)Math.Min(size, (uint)fmt.Length);
                if (fmtLength < 16 || stream.ReadAtLeast(fmt[..fmtLength], fmtLength, throwOnEndOfStream: false) < fmtLength)
                    throw new InvalidDataException($"{path}: truncated 'fmt ' chunk.");
                stream.Seek(Pad(size) - fmtLength, SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (fmtLength == 0)
                    throw new InvalidDataException($"{path}: 'data' chunk before 'fmt ' chunk.");
                return FromFormat(fmt[..fmtLength], stream.Position, size, stream.Length, path);
            }
            else
            {
                // RIFF chunks are word aligned (odd sizes carry a pad byte); LIST, fact, cue and the like are skipped.
                stream.Seek(Pad(size), SeekOrigin.Current);
            }
        }
        throw new InvalidDataException($"{path}: no 'data' chunk.");
    }

    private static long Pad(uint size) => size + (size & 1);

    private static WavLayout FromFormat(ReadOnlySpan<byte> fmt, long dataOffset, uint declaredSize, long fileLength, string path)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        int rate = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]), int.MaxValue);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        // WAVE_FORMAT_EXTENSIBLE carries the real format tag as the first two bytes of its sub-format GUID.
        if (tag == FormatExtensible && fmt.Length >= 26)
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);

        WavSampleEncoding? encoding = (tag, bits) switch
        {
            (FormatPcm, 16) => WavSampleEncoding.Pcm16,
            (FormatPcm, 8) => WavSampleEncoding.Pcm8,
            (FormatMuLaw, 8) => WavSampleEncoding.MuLaw,
            (FormatALaw, 8) => WavSampleEncoding.ALaw,
            (FormatPcm, 24) => WavSampleEncoding.Pcm24,
            (FormatPcm, 32) => WavSampleEncoding.Pcm32,
            (FormatFloat, 32) => WavSampleEncoding.Float32,
            (FormatFloat, 64) => WavSampleEncoding.Float64,
            _ => null,
        };
        if (encoding is null || channels is < 1 or > 8 || rate is < 4000 or > 192000)
            throw new InvalidDataException(
                $"{path}: unsupported WAV format (format tag 0x{tag:X4}, {bits} bits, {channels} channels, {rate} Hz); "
                + "playable: PCM 8/16/24/32-bit, 32/64-bit float, mu-law or A-law, 1 to 8 channels, 4-192 kHz.");

        var layout = new WavLayout(encoding.Value, channels, rate, dataOffset, 0);
        // A recorder that crashed leaves a zero or stale size: trust the file length then.
        long available = fileLength - dataOffset;
        long dataBytes = declaredSize == 0 || declaredSize > available ? available : declaredSize;
        return layout with { FrameCount = dataBytes / layout.BlockAlign };
    }
}
