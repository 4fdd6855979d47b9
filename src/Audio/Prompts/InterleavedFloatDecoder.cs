namespace Pbx.Audio.Prompts;

/// <summary>
/// The shape NLayer and NVorbis share: interleaved floats at full scale +-1.0 read into an array. Averages the channels and
/// scales to 16-bit; the two decoders differ only in how they are opened and read.
/// </summary>
internal abstract class InterleavedFloatDecoder(int channels, int sampleRate) : IMonoDecoder
{
    private float[] _interleaved = [];

    public int SampleRate { get; } = sampleRate;

    public int Read(Span<float> destination)
    {
        int wanted = Math.Min(destination.Length, 4096) * channels;
        if (_interleaved.Length < wanted)
            _interleaved = new float[wanted];
        int got = ReadInterleaved(_interleaved, wanted) / channels;
        for (int i = 0; i < got; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
                sum += _interleaved[i * channels + c];
            destination[i] = WavSamples.FromFloat(sum / channels);
        }
        return got;
    }

    public abstract void Dispose();

    /// <summary>Reads up to <paramref name="count"/> interleaved samples into <paramref name="buffer"/>; 0 at the end.</summary>
    protected abstract int ReadInterleaved(float[] buffer, int count);
}
