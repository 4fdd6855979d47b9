using System.Buffers.Binary;

namespace Pbx.Audio.Prompts;

/// <summary>
/// Turns an uploaded WAV, MP3 or Ogg Vorbis file into <see cref="PlaybackWav"/>: channels averaged, resampled to 8 kHz
/// with the media node's polyphase filter (which keeps the content above 4 kHz from folding into the voice band),
/// streamed block by block so a long file costs no more memory than a short one.
/// </summary>
public static class PromptConverter
{
    /// <summary>The longest prompt kept: an hour of music on hold is 57.6 MB at 8 kHz 16-bit.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    private const int BlockSamples = 4096;

    /// <summary>
    /// Decodes <paramref name="input"/> (recognised as <paramref name="format"/>) into <paramref name="output"/>, which must
    /// be seekable (its header is completed at the end). Throws <see cref="UnreadableAudioException"/> naming
    /// <paramref name="fileName"/> when the file does not decode or holds no audio.
    /// </summary>
    public static ConvertedPrompt Convert(Stream input, UploadFormat format, string fileName, Stream output)
    {
        try
        {
            using var decoder = Open(input, format, fileName);
            long samples = Write(decoder, output);
            if (samples == 0)
                throw new UnreadableAudioException(fileName, format, "it holds no audio.");
            return new ConvertedPrompt(format, samples * 1000 / PlaybackWav.SampleRate, PlaybackWav.HeaderLength + samples * 2);
        }
        // What the decoders throw on bad input: their own checks (InvalidDataException and the argument family), or the
        // index and arithmetic faults of a field that lies about a length. Our own output failing (IOException) is not the
        // upload's fault and goes up as it is.
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException or EndOfStreamException
                                      or NotSupportedException or InvalidOperationException or OverflowException)
        {
            throw new UnreadableAudioException(fileName, format, e is InvalidDataException ? e.Message : "the file is damaged or truncated.", e);
        }
    }

    private static IMonoDecoder Open(Stream input, UploadFormat format, string fileName) => format switch
    {
        UploadFormat.Wav => new WavDecoder(input, fileName),
        UploadFormat.Mp3 => Mp3Decoder.Open(input),
        UploadFormat.OggVorbis => VorbisDecoder.Open(input),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an upload format"),
    };

    private static long Write(IMonoDecoder decoder, Stream output)
    {
        Span<byte> header = stackalloc byte[PlaybackWav.HeaderLength];
        long start = output.Position;
        output.Write(header);
        var pcm = new short[BlockSamples];
        var bytes = new byte[BlockSamples * 2];
        long limit = (long)MaxDuration.TotalSeconds * PlaybackWav.SampleRate;
        long written = 0;
        foreach (int count in Blocks(decoder, pcm))
        {
            written += count;
            if (written > limit)
                throw new InvalidDataException($"it is longer than {MaxDuration.TotalMinutes:0} minutes.");
            for (int i = 0; i < count; i++)
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), pcm[i]);
            output.Write(bytes, 0, count * 2);
        }
        PlaybackWav.WriteHeader(header, written * 2);
        output.Position = start;
        output.Write(header);
        output.Position = start + PlaybackWav.HeaderLength + written * 2;
        return written;
    }

    /// <summary>Fills <paramref name="pcm"/> with the next 8 kHz samples, yielding how many, until the input ends.</summary>
    private static IEnumerable<int> Blocks(IMonoDecoder decoder, short[] pcm)
    {
        var floats = new float[BlockSamples];
        if (decoder.SampleRate == PlaybackWav.SampleRate)
        {
            int read;
            while ((read = decoder.Read(floats)) > 0)
            {
                for (int i = 0; i < read; i++)
                    pcm[i] = (short)Math.Clamp(MathF.Round(floats[i]), short.MinValue, short.MaxValue);
                yield return read;
            }
            yield break;
        }
        if (decoder.SampleRate is < 4000 or > 192000)
            throw new InvalidDataException($"its sample rate, {decoder.SampleRate} Hz, is outside 4-192 kHz.");
        // The resampler asks for input as it goes and does not say when it ran out, so count what was fed and stop once the
        // output that input gives has been produced.
        long fed = 0;
        bool ended = false;
        var resampler = new PolyphaseResampler(decoder.SampleRate, PlaybackWav.SampleRate, span =>
        {
            int n = ended ? 0 : decoder.Read(span);
            ended |= n == 0;
            fed += n;
            return n;
        });
        long produced = 0;
        while (true)
        {
            resampler.Read(pcm);
            long available = ended ? resampler.OutputLength(fed) - produced : pcm.Length;
            int count = (int)Math.Clamp(available, 0, pcm.Length);
            produced += count;
            if (count > 0)
                yield return count;
            if (ended && produced >= resampler.OutputLength(fed))
                yield break;
        }
    }
}
