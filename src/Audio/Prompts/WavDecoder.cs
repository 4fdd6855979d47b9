namespace Pbx.Audio.Prompts;

/// <summary>A WAV upload of any <see cref="WavSampleEncoding"/>, its channels averaged.</summary>
internal sealed class WavDecoder(Stream stream, string fileName) : IMonoDecoder
{
    private const int BlockFrames = 4096;

    private readonly WavLayout _layout = WavLayout.Read(stream, fileName);
    private byte[]? _raw;
    private long _framesRead;

    public int SampleRate => _layout.SampleRate;

    public int Read(Span<float> destination)
    {
        int frames = (int)Math.Min(Math.Min(destination.Length, BlockFrames), _layout.FrameCount - _framesRead);
        if (frames <= 0)
            return 0;
        _raw ??= new byte[BlockFrames * _layout.BlockAlign];
        var raw = _raw.AsSpan(0, frames * _layout.BlockAlign);
        frames = stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false) / _layout.BlockAlign;
        _framesRead += frames;
        int channels = _layout.Channels;
        for (int i = 0; i < frames; i++)
        {
            int sum = 0;
            for (int c = 0; c < channels; c++)
                sum += WavSamples.Decode(_layout.Encoding, raw, i * channels + c);
            destination[i] = (float)sum / channels;
        }
        return frames;
    }

    public void Dispose()
    {
    }
}
