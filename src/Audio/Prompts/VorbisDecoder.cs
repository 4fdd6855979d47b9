using NVorbis;

namespace Pbx.Audio.Prompts;

/// <summary>An Ogg Vorbis upload, decoded by NVorbis.</summary>
internal sealed class VorbisDecoder : InterleavedFloatDecoder
{
    private readonly VorbisReader _reader;

    private VorbisDecoder(VorbisReader reader)
        : base(reader.Channels, reader.SampleRate) => _reader = reader;

    public static VorbisDecoder Open(Stream stream) => new(new VorbisReader(stream, closeOnDispose: false));

    public override void Dispose() => _reader.Dispose();

    protected override int ReadInterleaved(float[] buffer, int count) => _reader.ReadSamples(buffer, 0, count);
}
