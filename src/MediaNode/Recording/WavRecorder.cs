using System.Buffers.Binary;

namespace Pbx.MediaNode.Recording;

/// <summary>
/// Streams 8 kHz PCM16 to a WAV file, mono or stereo (caller left, callee right). The file is written as
/// <c>path.part</c> and renamed to <c>path</c> on <see cref="Dispose"/>, so a finished name always holds a
/// complete recording. The RIFF and data sizes are rewritten every <see cref="HeaderInterval"/> of audio, so the
/// <c>.part</c> left by a crash still opens in any player with at most that much audio unaccounted for.
/// </summary>
public sealed class WavRecorder : IDisposable
{
    /// <summary>Sample rate of every recording.</summary>
    public const int SampleRate = 8000;

    /// <summary>Audio written between two header refreshes.</summary>
    public static readonly TimeSpan HeaderInterval = TimeSpan.FromSeconds(5);

    /// <summary>Suffix of the file while it is being written.</summary>
    public const string PartialSuffix = ".part";

    private const int HeaderBytes = 44;

    private readonly FileStream _stream;
    private readonly string _partialPath;
    private readonly long _refreshBytes;
    private byte[] _buffer = new byte[640];
    private long _dataBytes;
    private long _dataBytesAtLastRefresh;
    private bool _disposed;

    /// <param name="path">Final name of the recording.</param>
    /// <param name="channels">1 for mono, 2 for caller (left) and callee (right).</param>
    public WavRecorder(string path, int channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (channels is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "A recording has 1 or 2 channels.");
        Path = path;
        Channels = channels;
        _partialPath = path + PartialSuffix;
        _refreshBytes = (long)HeaderInterval.TotalSeconds * SampleRate * 2 * channels;
        _stream = new FileStream(_partialPath, FileMode.Create, FileAccess.Write, FileShare.Read);
        WriteHeader();
    }

    /// <summary>Final name of the recording, present once the recorder is disposed.</summary>
    public string Path { get; }

    /// <summary>1 (mono) or 2 (stereo).</summary>
    public int Channels { get; }

    /// <summary>Audio written so far.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)_dataBytes / (2 * Channels * SampleRate));

    /// <summary>Appends mono samples (a mono recorder only).</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        if (Channels != 1)
            throw new InvalidOperationException($"{Path} is a stereo recording: write left and right.");
        var bytes = Reserve(samples.Length * 2);
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 2)..], samples[i]);
        Append(bytes);
    }

    /// <summary>
    /// Appends one frame of each side (a stereo recorder only). A missing side (empty span, e.g. a lost packet
    /// or a party on hold) or the shorter one is padded with silence so both channels stay in step.
    /// </summary>
    public void Write(ReadOnlySpan<short> left, ReadOnlySpan<short> right)
    {
        if (Channels != 2)
            throw new InvalidOperationException($"{Path} is a mono recording: write one channel.");
        int frames = Math.Max(left.Length, right.Length);
        var bytes = Reserve(frames * 4);
        for (int i = 0; i < frames; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 4)..], i < left.Length ? left[i] : (short)0);
            BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 4 + 2)..], i < right.Length ? right[i] : (short)0);
        }
        Append(bytes);
    }

    /// <summary>Fixes the header, closes the file and renames it to <see cref="Path"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        WriteHeader();
        _stream.Dispose();
        File.Move(_partialPath, Path, overwrite: true);
    }

    private Span<byte> Reserve(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Grows only when a caller first writes a longer frame than before: steady state allocates nothing.
        if (_buffer.Length < length)
            _buffer = new byte[length];
        return _buffer.AsSpan(0, length);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _dataBytes += bytes.Length;
        if (_dataBytes - _dataBytesAtLastRefresh >= _refreshBytes)
            WriteHeader();
    }

    private void WriteHeader()
    {
        // Canonical 44-byte header (WAVE_FORMAT_PCM). Sizes are capped at the 32-bit limit: past 4 GiB
        // (74 hours of stereo) readers fall back to the file length anyway.
        uint dataSize = (uint)Math.Min(_dataBytes, uint.MaxValue - HeaderBytes);
        Span<byte> header = stackalloc byte[HeaderBytes];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], dataSize + HeaderBytes - 8);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(SampleRate * 2 * Channels));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(2 * Channels));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], dataSize);

        long end = _stream.Position;
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Position = Math.Max(end, HeaderBytes);
        _stream.Flush(flushToDisk: false);
        _dataBytesAtLastRefresh = _dataBytes;
    }
}
