using System.Buffers.Binary;
using System.Net.Http.Headers;

namespace Pbx.ApiHost.Tests;

/// <summary>Sends prompt uploads as a browser's form does, and reads back what the media node would play.</summary>
internal static class PromptUploads
{
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string? name = null, string? language = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (name is not null)
            form.Add(new StringContent(name), "name");
        if (language is not null)
            form.Add(new StringContent(language), "language");
        return client.PostAsync("/api/v1/prompts", form);
    }

    /// <summary>The fmt chunk of a canonical WAV: (format tag, channels, rate, bits), and its samples' length in ms.</summary>
    public static (int Tag, int Channels, int Rate, int Bits, long DurationMs) ReadWav(byte[] wav)
    {
        wav.AsSpan(0, 4).SequenceEqual("RIFF"u8).ShouldBeTrue();
        wav.AsSpan(8, 8).SequenceEqual("WAVEfmt "u8).ShouldBeTrue();
        var rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24));
        var dataBytes = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40));
        dataBytes.ShouldBe(wav.Length - 44);
        return (BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)), BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)), rate,
            BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)), dataBytes / 2 * 1000L / rate);
    }
}
