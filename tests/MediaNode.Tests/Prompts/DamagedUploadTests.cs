using Pbx.Audio.Prompts;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Prompts;

/// <summary>
/// Whatever is wrong with an upload in an accepted format, <see cref="PromptConverter"/> converts it or refuses it as
/// unreadable (the API's 400 naming the file); no decoder's own exception escapes as a server error.
/// </summary>
public sealed class DamagedUploadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-damaged-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Formats => ["pcm24-48k-stereo.wav", "vorbis-44k-stereo.ogg", "mp3"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_truncation_converts_or_is_refused_as_unreadable(string name)
    {
        var file = Read(name);
        var format = UploadFormats.Recognise(file)!.Value;
        // Every prefix past the bytes that tell the format apart, in steps that keep the test quick for the larger files.
        for (int length = UploadFormats.HeadLength; length < file.Length; length += Math.Max(1, file.Length / 500))
            ConvertsOrIsRefused(file[..length], format, $"{name} cut to {length} bytes");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Flipped_bytes_convert_or_are_refused_as_unreadable(string name)
    {
        var file = Read(name);
        var format = UploadFormats.Recognise(file)!.Value;
        var random = new Random(17);
        for (int round = 0; round < 300; round++)
        {
            var damaged = (byte[])file.Clone();
            for (int i = 0; i < 8; i++)
                damaged[random.Next(UploadFormats.HeadLength, damaged.Length)] ^= (byte)random.Next(1, 256);
            ConvertsOrIsRefused(damaged, format, $"{name}, round {round}");
        }
    }

    private byte[] Read(string name) => File.ReadAllBytes(name == "mp3" ? UploadSamples.Mp3 : UploadSamples.MakeWithSox(_folder, name));

    private static void ConvertsOrIsRefused(byte[] upload, UploadFormat format, string what)
    {
        using var output = new MemoryStream();
        var error = Record.Exception(() => PromptConverter.Convert(new MemoryStream(upload), format, "damaged", output));
        if (error is not null and not UnreadableAudioException)
            throw new ShouldAssertException($"{what}: {error.GetType().Name} escaped: {error.Message}", error);
    }
}
