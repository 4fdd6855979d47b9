using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>The espeak-ng speech synthesizer, run as a process (a 16-bit mono WAV at 22,050 Hz per text).</summary>
public sealed class EspeakNg(IOptions<PromptOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The configured binary, when it exists.</summary>
    public string? Path => options.Value.EspeakNgPath is { Length: > 0 } path && File.Exists(path) ? path : null;

    /// <summary>Speaks <paramref name="text"/> with voice <paramref name="voice"/> into <paramref name="wavPath"/>.</summary>
    public async Task SpeakAsync(string voice, string text, string wavPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException($"espeak-ng is not at '{options.Value.EspeakNgPath}' (Media:EspeakNgPath)."))
        {
            // With -w it writes nothing else; its complaints (an unknown voice) go into the failure's message.
            RedirectStandardError = true,
        };
        // An argument list, not a command line: the text reaches espeak-ng as one argument whatever quotes it holds.
        foreach (var argument in new[] { "-v", voice, "-w", wavPath, text })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            throw new IOException($"espeak-ng -v {voice} did not finish within {Timeout.TotalSeconds:0} s.");
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        if (process.ExitCode != 0)
            throw new IOException($"espeak-ng -v {voice} failed with exit code {process.ExitCode}: {(await errors).Trim()}");
    }
}
