using Pbx.MediaNode.Playback;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Playback;

public sealed class WavLayoutTests
{
    [Fact]
    public void Header_with_extra_chunks_and_odd_sizes_is_read()
    {
        var file = Build(extraChunk: 5, dataBytes: 320);

        var layout = WavLayout.Read(new MemoryStream(file), "prompt.wav");

        layout.ShouldBe(new WavLayout(WavSampleEncoding.Pcm16, 1, 8000, 12 + 8 + 16 + 8 + 6 + 8, 160));
        layout.Duration.ShouldBe(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void Every_truncation_is_refused_as_invalid_data_or_shortens_the_audio()
    {
        var file = Build(extraChunk: 5, dataBytes: 320);
        int headerEnd = file.Length - 320;
        for (int length = 0; length < file.Length; length++)
        {
            var prefix = new MemoryStream(file, 0, length);
            if (length < headerEnd)
            {
                Should.Throw<InvalidDataException>(() => WavLayout.Read(prefix, "cut.wav"), $"prefix {length}")
                    .Message.ShouldStartWith("cut.wav: ");
            }
            else
            {
                // A recorder that crashed: the data chunk claims more than the file holds.
                WavLayout.Read(prefix, "cut.wav").FrameCount.ShouldBe((length - headerEnd) / 2, $"prefix {length}");
            }
        }
    }

    [Fact]
    public void A_zero_data_size_left_by_a_crash_means_to_the_end_of_the_file()
    {
        var file = Build(extraChunk: 0, dataBytes: 320);
        file.AsSpan(file.Length - 320 - 4, 4).Clear();

        WavLayout.Read(new MemoryStream(file), "crash.wav").FrameCount.ShouldBe(160);
    }

    private static byte[] Build(int extraChunk, int dataBytes)
    {
        var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(0);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(16000);
        writer.Write((short)2);
        writer.Write((short)16);
        if (extraChunk > 0)
        {
            // An odd-sized chunk (LIST/INFO as tag editors add) with its RIFF pad byte.
            writer.Write("LIST"u8);
            writer.Write(extraChunk);
            writer.Write(new byte[extraChunk + (extraChunk & 1)]);
        }
        writer.Write("data"u8);
        writer.Write(dataBytes);
        writer.Write(new byte[dataBytes]);
        writer.Flush();
        var bytes = stream.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
