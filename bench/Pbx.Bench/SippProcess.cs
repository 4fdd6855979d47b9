using System.Diagnostics;
using System.Globalization;

namespace Pbx.Bench;

/// <summary>
/// One sipp process of a benchmark: started with its arguments, its CPU time sampled while it runs (an exited process
/// has none to read), and what it wrote read back: the call counters of its -stf file and the response times of -trace_rtt.
/// </summary>
internal sealed class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private SippProcess(Process process)
    {
        _process = process;
        _clock = Stopwatch.StartNew();
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts sipp in <paramref name="workDir"/>, where its scenario, injection and statistics files live.</summary>
    public static SippProcess Start(string sipp, IEnumerable<string> arguments, string workDir)
    {
        var start = new ProcessStartInfo(sipp, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        return new SippProcess(Process.Start(start) ?? throw new InvalidOperationException("sipp did not start"));
    }

    /// <summary>Waits for sipp to exit; returns its exit code, wall time, CPU time and what it printed.</summary>
    public async Task<(int ExitCode, TimeSpan Elapsed, TimeSpan Cpu, string Output)> WaitAsync(CancellationToken cancellationToken)
    {
        var cpu = TimeSpan.Zero;
        var exited = _process.WaitForExitAsync(cancellationToken);
        while (!exited.IsCompleted)
        {
            try
            {
                cpu = _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                break;
            }
            await Task.WhenAny(exited, Task.Delay(200, cancellationToken));
        }
        await exited;
        _clock.Stop();
        return (_process.ExitCode, _clock.Elapsed, cpu, await _stdout + await _stderr);
    }

    /// <summary>Stops a sipp still running (a UAS that serves every run of a suite).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The last line of sipp's -stf file: successful and failed calls so far.</summary>
    public static (long Successful, long Failed) ReadCounts(string statFile)
    {
        if (!File.Exists(statFile))
            return (0, 0);
        var lines = File.ReadAllLines(statFile);
        if (lines.Length < 2)
            return (0, 0);
        var names = lines[0].Split(';');
        var values = lines[^1].Split(';');
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));

        long Column(string name)
        {
            var index = Array.IndexOf(names, name);
            return index >= 0 && index < values.Length && long.TryParse(values[index], CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
    }

    /// <summary>Column <paramref name="name"/> of every line of sipp's -stf file (a periodic column: one value per interval).</summary>
    public static IReadOnlyList<long> ReadPeriodic(string statFile, string name)
    {
        if (!File.Exists(statFile))
            return [];
        var lines = File.ReadAllLines(statFile);
        if (lines.Length < 2)
            return [];
        var index = Array.IndexOf(lines[0].Split(';'), name);
        return index < 0 ? [] : lines.Skip(1).Select(l => l.Split(';')).Where(v => index < v.Length)
            .Select(v => long.TryParse(v[index], CultureInfo.InvariantCulture, out var value) ? value : 0).ToList();
    }

    /// <summary>
    /// Sorted response times in ms from the <c>*_rtt.csv</c> files sipp -trace_rtt wrote in <paramref name="workDir"/>
    /// ("Date_ms;response_time_ms;rtd_no", one line per measured call); the files are deleted so the next run starts empty.
    /// </summary>
    public static List<double> ReadResponseTimes(string workDir)
    {
        var times = new List<double>();
        foreach (var file in Directory.EnumerateFiles(workDir, "*_rtt.csv"))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(';');
                if (fields.Length >= 2 && double.TryParse(fields[1], CultureInfo.InvariantCulture, out var ms))
                    times.Add(ms);
            }
            File.Delete(file);
        }
        times.Sort();
        return times;
    }

    /// <summary>The value at <paramref name="fraction"/> of a sorted list (nearest rank), NaN when empty.</summary>
    public static double Percentile(List<double> sorted, double fraction)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
