using System.Buffers.Binary;
using Pbx.Grains.Recordings;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Recordings;

/// <summary>Measuring recordings and completing the <c>.part</c> file a crash left (canonical 44-byte-header PCM WAV).</summary>
public sealed class RecordingFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pbx-recordingfile-").FullName;

    [Fact]
    public void Partial_file_gets_its_sizes_from_the_bytes_on_disk_loses_a_torn_frame_and_takes_its_final_name()
    {
        var path = Path.Combine(_directory, "call.wav");
        // One second of stereo audio plus half a frame, the header still saying "no data" as at recording start.
        File.WriteAllBytes(path + RecordingFile.PartialSuffix, [.. Header(channels: 2, dataBytes: 0), .. new byte[32000 + 2]]);

        RecordingFile.CompletePartial(path).ShouldBeTrue();

        File.Exists(path + RecordingFile.PartialSuffix).ShouldBeFalse();
        var bytes = File.ReadAllBytes(path);
        bytes.Length.ShouldBe(44 + 32000);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)).ShouldBe(36u + 32000);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)).ShouldBe(32000u);
        RecordingFile.Measure(path).ShouldBe((44L + 32000, 1000L));
    }

    [Fact]
    public void Missing_partial_file_is_reported() => RecordingFile.CompletePartial(Path.Combine(_directory, "none.wav")).ShouldBeFalse();

    [Fact]
    public void Missing_or_foreign_file_measures_as_nothing()
    {
        var foreign = Path.Combine(_directory, "foreign.wav");
        File.WriteAllBytes(foreign, new byte[100]);

        RecordingFile.Measure(Path.Combine(_directory, "none.wav")).ShouldBeNull();
        RecordingFile.Measure(foreign).ShouldBeNull();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The media node's header: RIFF/WAVE, fmt PCM 8 kHz 16-bit, data.</summary>
    private static byte[] Header(int channels, uint dataBytes)
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), (uint)(8000 * 2 * channels));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), (ushort)(2 * channels));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), dataBytes);
        return header;
    }
}
