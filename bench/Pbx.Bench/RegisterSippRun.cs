using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Pbx.Bench;

/// <summary>
/// One sipp run of the REGISTER scenario (REGISTER, 401, REGISTER with credentials, 200) against the edge, with what
/// sipp measured: calls, failures, the whole-registration response time (both round trips) and sipp's own CPU time.
/// </summary>
/// <param name="ExitCode">sipp's exit code: 0 when every call succeeded.</param>
/// <param name="Successful">Calls that ended with the 200.</param>
/// <param name="Failed">Calls that failed (timeout, unexpected status).</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="P50">Median registration time, first REGISTER sent to 200 received.</param>
/// <param name="P99">99th percentile of the same.</param>
/// <param name="SippCpu">CPU time sipp used (user + system).</param>
internal sealed record RegisterSippRun(
    int ExitCode, long Successful, long Failed, TimeSpan Elapsed, double P50, double P99, TimeSpan SippCpu)
{
    // rtd 1 spans the whole registration, so its percentiles include the 401 round trip as a phone experiences it.
    private const string Scenario = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="register-bench">
          <send retrans="500" start_rtd="1">
            <![CDATA[

              REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              Max-Forwards: 70
              From: <sip:[field0]@[remote_ip]>;tag=[pid]reg[call_number]
              To: <sip:[field0]@[remote_ip]>
              Call-ID: [call_id]
              CSeq: 1 REGISTER
              Contact: <sip:[field0]@[local_ip]:[local_port]>
              Expires: 600
              User-Agent: sipp-register-bench
              Content-Length: 0

            ]]>
          </send>
          <recv response="401" auth="true" />
          <send retrans="500">
            <![CDATA[

              REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              Max-Forwards: 70
              From: <sip:[field0]@[remote_ip]>;tag=[pid]reg[call_number]
              To: <sip:[field0]@[remote_ip]>
              Call-ID: [call_id]
              CSeq: 2 REGISTER
              Contact: <sip:[field0]@[local_ip]:[local_port]>
              [field1]
              Expires: 600
              User-Agent: sipp-register-bench
              Content-Length: 0

            ]]>
          </send>
          <recv response="200" rtd="1" />
        </scenario>
        """;

    /// <summary>Runs sipp at <paramref name="rate"/> calls/s (at most <paramref name="limit"/> open) until <paramref name="calls"/> calls are done.</summary>
    public static async Task<RegisterSippRun> RunAsync(string sipp, IPEndPoint edge, string injection, int calls, int rate, int limit,
        int localPort, string workDir, CancellationToken cancellationToken)
    {
        var scenario = Path.Combine(workDir, "register-bench.xml");
        await File.WriteAllTextAsync(scenario, Scenario, cancellationToken);
        var stat = Path.Combine(workDir, $"stat-{localPort}.csv");
        var start = new ProcessStartInfo(sipp,
        [
            edge.ToString(), "-sf", scenario, "-inf", injection, "-t", "u1", "-i", "127.0.0.1",
            "-p", localPort.ToString(CultureInfo.InvariantCulture),
            "-m", calls.ToString(CultureInfo.InvariantCulture), "-r", rate.ToString(CultureInfo.InvariantCulture),
            "-l", limit.ToString(CultureInfo.InvariantCulture), "-recv_timeout", "10000", "-nostdin",
            "-trace_stat", "-stf", stat, "-fd", "3600", "-trace_rtt", "-rtt_freq", "1000",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        // An exited process has no CPU time to read any more, so sample it while it runs; the last sample is within 200 ms of the end.
        var sippCpu = TimeSpan.Zero;
        var exited = process.WaitForExitAsync(cancellationToken);
        while (!exited.IsCompleted)
        {
            try
            {
                sippCpu = process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                break;
            }
            await Task.WhenAny(exited, Task.Delay(200, cancellationToken));
        }
        await exited;
        clock.Stop();
        await stdout;
        await stderr;
        var (successful, failed) = ReadCounts(stat);
        var times = ReadResponseTimes(workDir);
        times.Sort();
        return new RegisterSippRun(process.ExitCode, successful, failed, clock.Elapsed,
            Percentile(times, 0.50), Percentile(times, 0.99), sippCpu);
    }

    private static (long Successful, long Failed) ReadCounts(string statFile)
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

    // sipp -trace_rtt writes <scenario>_<pid>_rtt.csv: "Date_ms;response_time_ms;rtd_no", one line per measured call.
    private static List<double> ReadResponseTimes(string workDir)
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
        return times;
    }

    private static double Percentile(List<double> sorted, double fraction)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
