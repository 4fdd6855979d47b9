
namespace Pbx.MediaNode.Playback;

/// <summary>
/// Plays a RIFF WAV file as 8 kHz mono PCM: PCM 8/16/24/32-bit, float, mu-law or A-law, 1 to 8 channels, any rate
/// from 4 to 192 kHz. Channels are averaged to mono; other rates go through a windowed-sinc polyphase resampler. The file is
/// streamed in blocks, so an hour of music on hold costs no more memory than a prompt.
/// </summary>
public sealed class WavFileSource : IRewindableAudioSource, IDisposable
{
    /// <summary>The rate every <see cref="IAudioSource"/> produces.</summary>
    public const int OutputRate = 8000;

    private const int BlockFrames = 1024;

    private readonly FileStream _stream;
    private readonly byte[] _raw;
    private readonly PolyphaseResampler? _resampler;
    private long _framesRead;
    private long _samplesProduced;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file and format if it cannot be played.</summary>
    public WavFileSource(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        try
        {
            Layout = WavLayout.Read(_stream, path);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
        _raw = new byte[BlockFrames * Layout.BlockAlign];
        if (Layout.SampleRate != OutputRate)
        {
            _resampler = new PolyphaseResampler(Layout.SampleRate, OutputRate, FillMono);
            Length = _resampler.OutputLength(Layout.FrameCount);
        }
        else
        {
            Length = Layout.FrameCount;
        }
    }

    /// <summary>The file played.</summary>
    public string Path { get; }

    /// <summary>The file's format as found in its header.</summary>
    public WavLayout Layout { get; }

    /// <summary>Samples at 8 kHz this source produces in all.</summary>
    public long Length { get; }

    /// <inheritdoc />
    public int Read(Span<short> frame)
    {
        int wanted = (int)Math.Min(frame.Length, Length - _samplesProduced);
        if (wanted <= 0)
            return 0;
        if (_resampler is not null)
        {
            _resampler.Read(frame[..wanted]);
        }
        else
        {
            int done = 0;
            int read;
            while (done < wanted && (read = DecodeBlock(frame[done..wanted])) > 0)
                done += read;
            // Only a file truncated while we play it ends early: the rest of the frame is silence.
            frame[done..wanted].Clear();
        }
        _samplesProduced += wanted;
        return wanted;
    }

    /// <summary>
    /// True when the file already holds RTP payload for <paramref name="codec"/> (8 kHz mono mu-law or A-law):
    /// <see cref="ReadCoded"/> then hands its bytes to the leg without a decode and re-encode.
    /// </summary>
    public bool CanPassThrough(WavSampleEncoding codec) =>
        codec is WavSampleEncoding.MuLaw or WavSampleEncoding.ALaw
        && Layout is { SampleRate: OutputRate, Channels: 1 } && Layout.Encoding == codec;

    /// <summary>
    /// Copies the next G.711 bytes as stored, for a file where <see cref="CanPassThrough"/> holds; returns the
    /// bytes written, 0 at the end. Shares the position with <see cref="Read"/>.
    /// </summary>
    public int ReadCoded(Span<byte> payload)
    {
        if (!CanPassThrough(Layout.Encoding))
            throw new InvalidOperationException($"{Path} is {Layout.Encoding} {Layout.Channels} channel(s) at {Layout.SampleRate} Hz, not 8 kHz mono G.711.");
        int wanted = (int)Math.Min(payload.Length, Length - _samplesProduced);
        if (wanted <= 0)
            return 0;
        int got = _stream.ReadAtLeast(payload[..wanted], wanted, throwOnEndOfStream: false);
        // As in Read: a file truncated while it plays ends in silence, which is 0xFF in mu-law and 0xD5 in A-law.
        payload[got..wanted].Fill(Layout.Encoding == WavSampleEncoding.MuLaw ? (byte)0xFF : (byte)0xD5);
        _framesRead += got;
        _samplesProduced += wanted;
        return wanted;
    }

    /// <inheritdoc />
    public void Rewind()
    {
        _stream.Position = Layout.DataOffset;
        _framesRead = 0;
        _samplesProduced = 0;
        _resampler?.Reset();
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private int FillMono(Span<float> destination)
    {
        Span<short> pcm = stackalloc short[Math.Min(destination.Length, BlockFrames)];
        int frames = DecodeBlock(pcm);
        for (int i = 0; i < frames; i++)
            destination[i] = pcm[i];
        return frames;
    }

    /// <summary>Reads up to <c>destination.Length</c> frames (at most one block) as mono; 0 at the end of the data chunk.</summary>
    private int DecodeBlock(Span<short> destination)
    {
        int frames = (int)Math.Min(Math.Min(destination.Length, BlockFrames), Layout.FrameCount - _framesRead);
        if (frames <= 0)
            return 0;
        int bytes = frames * Layout.BlockAlign;
        var raw = _raw.AsSpan(0, bytes);
        int got = _stream.ReadAtLeast(raw, bytes, throwOnEndOfStream: false);
        frames = got / Layout.BlockAlign;
        _framesRead += frames;
        int channels = Layout.Channels;
        for (int i = 0; i < frames; i++)
        {
            int sum = 0;
            for (int c = 0; c < channels; c++)
                sum += WavSamples.Decode(Layout.Encoding, raw, i * channels + c);
            destination[i] = (short)(sum / channels);
        }
        return frames;
    }
}
