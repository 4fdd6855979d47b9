using Pbx.MediaNode.Playback;

namespace Pbx.MediaNode.Tests.Playback;

/// <summary>Raw access to a WAV file's data chunk, to compare bytes with what sox wrote.</summary>
internal static class WavData
{
    public static (WavLayout Layout, byte[] Data) Read(string path)
    {
        using var stream = File.OpenRead(path);
        var layout = WavLayout.Read(stream, path);
        var data = new byte[layout.FrameCount * layout.BlockAlign];
        stream.ReadExactly(data);
        return (layout, data);
    }

    public static short[] ReadPcm16(string path)
    {
        var (layout, data) = Read(path);
        if (layout.Encoding != WavSampleEncoding.Pcm16)
            throw new InvalidOperationException($"{path} is {layout.Encoding}, not PCM16.");
        var samples = new short[data.Length / 2];
        Buffer.BlockCopy(data, 0, samples, 0, data.Length);
        return samples;
    }
}
