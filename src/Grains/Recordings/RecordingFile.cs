using System.Buffers.Binary;

namespace Pbx.Grains.Recordings;

/// <summary>
/// The media node's recording files as the call side sees them: canonical 44-byte-header PCM WAV, written as
/// <c>name.wav.part</c> and renamed to <c>name.wav</c> when complete.
/// </summary>
public static class RecordingFile
{
    /// <summary>Suffix of a file still being written (the media node's WavRecorder.PartialSuffix).</summary>
    public const string PartialSuffix = ".part";

    private const int HeaderBytes = 44;

    /// <summary>
    /// Size and duration of a complete recording, or null when the file is missing or not one. The duration comes from
    /// the file length and the format fields, not the header's data size, so a header left stale by a crash cannot lie.
    /// </summary>
    public static (long SizeBytes, long DurationMs)? Measure(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length < HeaderBytes)
            return null;
        Span<byte> header = stackalloc byte[HeaderBytes];
        using (var stream = file.OpenRead())
            stream.ReadExactly(header);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(header[22..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(header[34..]);
        var bytesPerSecond = (long)rate * channels * bits / 8;
        if (!header[..4].SequenceEqual("RIFF"u8) || bytesPerSecond <= 0)
            return null;
        return (file.Length, (file.Length - HeaderBytes) * 1000 / bytesPerSecond);
    }

    /// <summary>
    /// Completes the <c>.part</c> file a crash left behind for <paramref name="path"/>: the RIFF and data sizes are set
    /// from the bytes actually on disk (the recorder refreshes them only every few seconds), a torn last frame is cut, and
    /// the file takes its final name. False when there is no such file.
    /// </summary>
    public static bool CompletePartial(string path)
    {
        var partial = path + PartialSuffix;
        if (!File.Exists(partial))
            return false;
        using (var stream = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            if (stream.Length >= HeaderBytes)
            {
                stream.ReadExactly(header);
                var blockAlign = Math.Max((ushort)1, BinaryPrimitives.ReadUInt16LittleEndian(header[32..]));
                var data = (stream.Length - HeaderBytes) / blockAlign * blockAlign;
                stream.SetLength(HeaderBytes + data);
                BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(HeaderBytes - 8 + data));
                BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)data);
                stream.Position = 0;
                stream.Write(header);
            }
        }
        File.Move(partial, path, overwrite: true);
        return true;
    }
}
