using System.Diagnostics;

namespace Pbx.TestSupport;

/// <summary>
/// Audio files of every upload format the prompts library takes, each a 0.6 s 440 Hz tone: made on the spot with sox,
/// except MP3, which sox cannot write here: a 2.7 KB file made once with lame, committed under <c>tests/TestSupport/Audio</c>.
/// </summary>
public static class UploadSamples
{
    public const double ToneHz = 440;
    public const double Seconds = 0.6;

    /// <summary>Name -> the sox output options that make it (rate, channels, coding, container).</summary>
    public static readonly IReadOnlyDictionary<string, string> SoxFormats = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pcm8-unsigned-11k-mono.wav"] = "-r 11025 -c 1 -b 8 -e unsigned-integer",
        ["pcm16-8k-mono.wav"] = "-r 8000 -c 1 -b 16 -e signed-integer",
        ["pcm16-44k-stereo.wav"] = "-r 44100 -c 2 -b 16 -e signed-integer",
        ["pcm24-48k-stereo.wav"] = "-r 48000 -c 2 -b 24 -e signed-integer",
        ["pcm32-96k-mono.wav"] = "-r 96000 -c 1 -b 32 -e signed-integer",
        ["float32-22k-6ch.wav"] = "-r 22050 -c 6 -b 32 -e floating-point",
        ["float64-16k-mono.wav"] = "-r 16000 -c 1 -b 64 -e floating-point",
        ["mulaw-8k-mono.wav"] = "-r 8000 -c 1 -e mu-law",
        ["alaw-16k-stereo.wav"] = "-r 16000 -c 2 -e a-law",
        ["vorbis-44k-stereo.ogg"] = "-r 44100 -c 2 -C 3",
    };

    /// <summary>The committed MP3 (stereo, 44.1 kHz, 32 kbit/s).</summary>
    public static string Mp3 => Path.Combine(RepositoryRoot.Path, "tests", "TestSupport", "Audio", "tone-440hz-stereo-44k.mp3");

    /// <summary>Writes the tone as <paramref name="name"/> (a key of <see cref="SoxFormats"/>) into <paramref name="folder"/>.</summary>
    public static string MakeWithSox(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        Run(ExternalTool.Require("sox", "sox"), $"-n {SoxFormats[name]} {path} synth {Seconds} sine {ToneHz} vol 0.5");
        return path;
    }

    private static void Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} failed: {errors}");
    }
}
