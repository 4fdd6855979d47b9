using System.Diagnostics;
using Pbx.TestSupport;

namespace Pbx.MediaNode.Tests.Playback;

/// <summary>Runs sox and espeak-ng to make reference audio in a throwaway folder.</summary>
internal sealed class AudioTools : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    public AudioTools()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pbx-media-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Runs sox with <paramref name="arguments"/>; returns its standard output.</summary>
    public string Sox(params string[] arguments) => Run(ExternalTool.Require("sox", "sox"), arguments);

    /// <summary>Speaks <paramref name="text"/> into a WAV file (espeak-ng writes 22.05 kHz mono PCM16).</summary>
    public string Speak(string name, string text)
    {
        var path = PathOf(name);
        Run(ExternalTool.Require("espeak-ng", "espeak-ng"), ["-w", path, text]);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string Run(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolTimeout))
        {
            process.Kill();
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in {ToolTimeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }
}
