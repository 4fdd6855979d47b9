using NLayer;

namespace Pbx.Audio.Prompts;

/// <summary>An MP3 upload, decoded by NLayer (pure C#, no native codec on the server).</summary>
internal sealed class Mp3Decoder : InterleavedFloatDecoder
{
    private readonly MpegFile _file;

    private Mp3Decoder(MpegFile file)
        : base(file.Channels, file.SampleRate) => _file = file;

    public static Mp3Decoder Open(Stream stream) => new(new MpegFile(stream));

    public override void Dispose() => _file.Dispose();

    protected override int ReadInterleaved(float[] buffer, int count) => _file.ReadSamples(buffer, 0, count);
}
