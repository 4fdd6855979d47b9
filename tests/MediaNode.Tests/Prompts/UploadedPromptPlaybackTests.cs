using Pbx.Audio.Prompts;
using Pbx.MediaNode.Playback;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Prompts;

/// <summary>
/// An uploaded file of every accepted format, converted by <see cref="PromptConverter"/>, is what the media node plays: an
/// 8 kHz mono 16-bit WAV that sounds as the original did (the tone at its pitch, for as long).
/// </summary>
public sealed class UploadedPromptPlaybackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Formats => [.. UploadSamples.SoxFormats.Keys, "mp3"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_converted_upload_plays_at_8kHz_with_the_original_tone_and_length(string name)
    {
        var source = name == "mp3" ? UploadSamples.Mp3 : UploadSamples.MakeWithSox(_folder, name);
        var converted = Path.Combine(_folder, "converted.wav");

        ConvertedPrompt result;
        using (var input = File.OpenRead(source))
        using (var output = File.Create(converted))
            result = PromptConverter.Convert(input, UploadFormats.Recognise(Head(source))!.Value, name, output);

        using var played = new WavFileSource(converted);
        played.Layout.ShouldBe(played.Layout with { Encoding = WavSampleEncoding.Pcm16, Channels = 1, SampleRate = 8000 });
        // An MP3 keeps its encoder's delay and padding (lame's gapless header is not read by NLayer): up to about 100 ms.
        result.DurationMs.ShouldBeInRange(600 - 5, name == "mp3" ? 600 + 100 : 600 + 5);
        result.SizeBytes.ShouldBe(new FileInfo(converted).Length);
        var samples = new short[played.Length];
        played.Read(samples);
        // The middle of the tone, away from the resampler's and the MP3 decoder's edges.
        Goertzel.ToneShare(samples.AsSpan(800, 3200), UploadSamples.ToneHz).ShouldBeGreaterThan(0.9);
    }

    private static byte[] Head(string path)
    {
        var head = new byte[UploadFormats.HeadLength];
        using var stream = File.OpenRead(path);
        stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head;
    }
}
