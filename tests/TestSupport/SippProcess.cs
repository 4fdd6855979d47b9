using System.Diagnostics;

namespace Pbx.TestSupport;

/// <summary>
/// One sipp process in a scratch folder of its own, with its errors traced there; waited for with a limit after
/// which it is killed. The tests' own helpers build the arguments (scenario, credentials, ports) around it.
/// </summary>
public sealed class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly TimeSpan _limit;

    private SippProcess(Process process, DirectoryInfo folder, TimeSpan limit)
    {
        _process = process;
        Folder = folder;
        _limit = limit;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The scratch folder: sipp's working directory, deleted on dispose.</summary>
    public DirectoryInfo Folder { get; }

    /// <summary>
    /// Starts sipp with the arguments <paramref name="arguments"/> makes from the scratch folder (where it may first write
    /// injection files or edited scenarios). Adds -nostdin and an error trace in the folder.
    /// </summary>
    public static SippProcess Start(Func<DirectoryInfo, IEnumerable<string>> arguments, TimeSpan limit)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var folder = Directory.CreateTempSubdirectory("pbx-sipp-");
        var start = new ProcessStartInfo(sipp, [.. arguments(folder), "-nostdin", "-trace_err", "-error_file", Path.Combine(folder.FullName, "errors.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.FullName,
        };
        return new SippProcess(Process.Start(start) ?? throw new InvalidOperationException("sipp did not start"), folder, limit);
    }

    /// <summary>Waits for sipp to end: exit code 0 when every call ran to the end of the scenario, with its output for messages.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(_limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sipp did not finish within {_limit}: {await _stderr}");
        }
        var errors = Path.Combine(Folder.FullName, "errors.log");
        var errorLog = File.Exists(errors) ? await File.ReadAllTextAsync(errors) : "";
        var stdout = await _stdout;
        return (_process.ExitCode, $"{await _stderr}\n{errorLog}\n{(stdout.Length <= 3000 ? stdout : stdout[^3000..])}");
    }

    /// <summary>Kills sipp if it still runs and deletes the scratch folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Folder.Delete(recursive: true);
    }
}
