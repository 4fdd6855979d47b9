using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests;

/// <summary>What sox reads in a WAV file: the tests check recordings with a tool that is not ours.</summary>
internal static partial class Sox
{
    /// <summary><c>sox --i -D</c>: duration in seconds.</summary>
    public static async Task<double> DurationAsync(string path) =>
        double.Parse((await RunAsync(["--i", "-D", path])).Output.Trim(), CultureInfo.InvariantCulture);

    /// <summary><c>sox --i -c</c>: channel count.</summary>
    public static async Task<int> ChannelsAsync(string path) =>
        int.Parse((await RunAsync(["--i", "-c", path])).Output.Trim(), CultureInfo.InvariantCulture);

    /// <summary>RMS amplitude (0 to 1) of one channel (1 = left), from <c>sox file -n remix N stat</c>.</summary>
    public static async Task<double> RmsAsync(string path, int channel)
    {
        var (_, errors) = await RunAsync([path, "-n", "remix", channel.ToString(CultureInfo.InvariantCulture), "stat"]);
        var match = RmsLine().Match(errors);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"sox stat printed no RMS amplitude for {path}: {errors}");
    }

    /// <summary>An 8 kHz 16-bit WAV (canonical 44-byte header, as the media node writes) of a tone, 440 Hz and stereo unless told.</summary>
    public static Task SynthesizeAsync(string path, int seconds, int channels = 2, int frequency = 440) =>
        RunAsync(["-n", "-r", "8000", "-c", channels.ToString(CultureInfo.InvariantCulture), "-b", "16", "-e", "signed-integer", path,
            "synth", seconds.ToString(CultureInfo.InvariantCulture), "sine", frequency.ToString(CultureInfo.InvariantCulture)]);

    private static async Task<(string Output, string Errors)> RunAsync(IEnumerable<string> arguments)
    {
        var sox = ExternalTool.Require("sox", "sox");
        using var process = Process.Start(new ProcessStartInfo(sox, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"sox {string.Join(' ', arguments)} failed: {await errors}");
        return (await output, await errors);
    }

    [GeneratedRegex(@"RMS\s+amplitude:\s+([0-9.eE+-]+)")]
    private static partial Regex RmsLine();
}
