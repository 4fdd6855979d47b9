using System.Buffers.Binary;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// How long a WAV recording (16-bit PCM, any rate, first channel) carries a given sine tone: 20 ms blocks are run through
/// a Goertzel filter at the tone's frequency, and a block counts when it is loud enough and the tone holds most of its
/// energy. Each phone of a test sends its own tone, so "this phone heard that one" is a number of seconds.
/// </summary>
internal static class ToneMeter
{
    // A block counts from about -36 dBFS (RMS 500) with at least 60 % of its energy in the tone; G.711 and the relay keep a
    // clean sine well above both, silence, comfort noise and the other phones' tones stay far below.
    private const double MinimumRms = 500;
    private const double MinimumToneShare = 0.6;
    private const int BlocksPerSecond = 50;

    /// <summary>Seconds of <paramref name="frequency"/> Hz in the recording at <paramref name="path"/>, within its last <paramref name="window"/> when given.</summary>
    public static double Seconds(string path, int frequency, TimeSpan? window = null)
    {
        var (samples, rate) = ReadFirstChannel(path);
        var blockLength = rate / BlocksPerSecond;
        var blocks = samples.Length / blockLength;
        var first = window is { } w ? Math.Max(0, blocks - (int)(w.TotalSeconds * BlocksPerSecond)) : 0;
        var toneBlocks = 0;
        for (var block = first; block < blocks; block++)
        {
            var span = samples.AsSpan(block * blockLength, blockLength);
            double energy = 0;
            foreach (var sample in span)
                energy += (double)sample * sample;
            if (energy / blockLength >= MinimumRms * MinimumRms && Goertzel.ToneShare(span, frequency, rate) >= MinimumToneShare)
                toneBlocks++;
        }
        return (double)toneBlocks / BlocksPerSecond;
    }

    /// <summary>
    /// The samples of the first channel and the sample rate. The data chunk is read to the end of the file: a phone
    /// writes its length only when it closes the file, and a test may read it sooner.
    /// </summary>
    private static (short[] Samples, int Rate) ReadFirstChannel(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{path} is not a WAV file");
        int channels = 0, rate = 0, bits = 0;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.AsSpan(offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 14));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (bits != 16 || channels < 1)
                    throw new InvalidDataException($"{path}: {bits}-bit, {channels} channel(s); 16-bit PCM expected");
                var frames = (bytes.Length - body) / (2 * channels);
                var samples = new short[frames];
                for (var i = 0; i < frames; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + i * 2 * channels));
                return (samples, rate);
            }
            offset = body + size + (size & 1);
        }
        throw new InvalidDataException($"{path} has no data chunk");
    }
}
