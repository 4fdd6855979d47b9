using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests;

/// <summary>One sipp process running a scenario of the Sipp folder once, against the PBX on loopback.</summary>
internal sealed class Sipp : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    // sipp binds four media ports from -mp up (audio RTP/RTCP, video RTP/RTCP), so a free port from the system is not
    // enough: each process gets its own block of four, from a base that differs between test processes.
    private static int _nextMediaPort = 46000 + (Environment.ProcessId % 500) * 8;

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly DirectoryInfo _directory;

    private Sipp(Process process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>
    /// Starts sipp with <paramref name="scenario"/> as extension <paramref name="number"/> (its digest credentials in -au/-ap),
    /// from 127.0.0.1:<paramref name="port"/>. <paramref name="service"/> is [service] (the number dialled or registered);
    /// <paramref name="keys"/> become [name] keywords; <paramref name="replace"/> edits the scenario text first.
    /// </summary>
    public static Sipp Start(string scenario, IPEndPoint pbx, string number, int port, string? service = null,
        IReadOnlyDictionary<string, string>? keys = null, (string From, string To)? replace = null)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var directory = Directory.CreateTempSubdirectory("pbx-sipp-");
        var source = Path.Combine(RepositoryRoot.Path, "tests", "Pbx.IntegrationTests", "Sipp", scenario);
        var text = File.ReadAllText(source);
        if (replace is { } r)
            text = text.Replace(r.From, r.To, StringComparison.Ordinal);
        var scenarioPath = Path.Combine(directory.FullName, scenario);
        File.WriteAllText(scenarioPath, text);
        var arguments = new List<string>
        {
            pbx.ToString(), "-sf", scenarioPath, "-m", "1", "-t", "u1",
            "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", Interlocked.Add(ref _nextMediaPort, 4).ToString(CultureInfo.InvariantCulture),
            "-s", service ?? number, "-au", number, "-ap", PbxHost.Password(number),
            "-key", "caller", number,
            "-recv_timeout", "10000", "-timeout", "25s", "-nostdin",
            "-trace_err", "-error_file", Path.Combine(directory.FullName, "errors.log"),
        };
        // sipp's digest uri defaults to sip:remote_ip:remote_port; a call's Request-URI also names the callee (RFC 2617 3.2.2.5).
        if (service is not null)
            arguments.AddRange(["-auth_uri", $"{service}@{pbx}"]);
        foreach (var (key, value) in keys ?? new Dictionary<string, string>())
            arguments.AddRange(["-key", key, value]);
        var start = new ProcessStartInfo(sipp, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.FullName,
        };
        return new Sipp(Process.Start(start) ?? throw new InvalidOperationException("sipp did not start"), directory);
    }

    /// <summary>Runs a scenario to its end; see <see cref="Start"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, IPEndPoint pbx, string number, int port, string? service = null,
        IReadOnlyDictionary<string, string>? keys = null, (string From, string To)? replace = null)
    {
        await using var sipp = Start(scenario, pbx, number, port, service, keys, replace);
        return await sipp.WaitAsync();
    }

    /// <summary>Waits for sipp to finish; exit code 0 means the scenario ran to its end.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sipp did not finish within {Limit}: {await _stderr}");
        }
        var errors = Path.Combine(_directory.FullName, "errors.log");
        var errorLog = File.Exists(errors) ? await File.ReadAllTextAsync(errors) : "";
        var stdout = await _stdout;
        return (_process.ExitCode, $"{await _stderr}\n{errorLog}\n{(stdout.Length <= 3000 ? stdout : stdout[^3000..])}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
