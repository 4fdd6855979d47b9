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
/// <param name="SuccessfulPerInterval">Calls that succeeded in each statistics interval, in order.</param>
internal sealed record RegisterSippRun(
    int ExitCode, long Successful, long Failed, TimeSpan Elapsed, double P50, double P99, TimeSpan SippCpu, IReadOnlyList<long> SuccessfulPerInterval)
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

    /// <summary>
    /// Runs sipp at <paramref name="rate"/> calls/s (at most <paramref name="limit"/> open) until <paramref name="calls"/>
    /// calls are done, its statistics written every <paramref name="statSeconds"/>.
    /// </summary>
    public static Task<RegisterSippRun> RunAsync(string sipp, IPEndPoint edge, string injection, int calls, int rate, int limit,
        int localPort, string workDir, CancellationToken cancellationToken, int statSeconds = 3600) =>
        Start(sipp, edge, injection, calls, rate, limit, localPort, workDir, statSeconds).WaitAsync(cancellationToken);

    /// <summary>Starts a run as <see cref="RunAsync"/> does, for several to load the edge at once.</summary>
    public static Pending Start(string sipp, IPEndPoint edge, string injection, int calls, int rate, int limit, int localPort, string workDir,
        int statSeconds)
    {
        var scenario = Path.Combine(workDir, "register-bench.xml");
        File.WriteAllText(scenario, Scenario);
        var stat = Path.Combine(workDir, $"stat-{localPort}.csv");
        var rtt = Directory.CreateDirectory(Path.Combine(workDir, $"rtt-{localPort}")).FullName;
        var process = SippProcess.Start(sipp,
        [
            edge.ToString(), "-sf", scenario, "-inf", injection, "-t", "u1", "-i", "127.0.0.1",
            "-p", localPort.ToString(CultureInfo.InvariantCulture),
            "-m", calls.ToString(CultureInfo.InvariantCulture), "-r", rate.ToString(CultureInfo.InvariantCulture),
            "-l", limit.ToString(CultureInfo.InvariantCulture), "-recv_timeout", "10000", "-nostdin",
            "-trace_stat", "-stf", stat, "-fd", statSeconds.ToString(CultureInfo.InvariantCulture), "-trace_rtt", "-rtt_freq", "1000",
            // sipp's own 128 KB socket buffer overflowed whenever sipp fell behind (ss showed its drops, none at the edge's
            // 8 MB one): each drop is a 500 ms retransmission counted against the PBX. Linux caps it at net.core.rmem_max.
            "-buff_size", "4194304",
        ], rtt);
        return new Pending(process, stat, rtt);
    }

    /// <summary>A sipp run going on.</summary>
    internal sealed class Pending(SippProcess process, string stat, string rtt)
    {
        /// <summary>Waits for the run to end and reads what sipp measured.</summary>
        public async Task<RegisterSippRun> WaitAsync(CancellationToken cancellationToken)
        {
            await using var running = process;
            var (exitCode, elapsed, sippCpu, _) = await running.WaitAsync(cancellationToken);
            var (successful, failed) = SippProcess.ReadCounts(stat);
            var times = SippProcess.ReadResponseTimes(rtt);
            return new RegisterSippRun(exitCode, successful, failed, elapsed,
                SippProcess.Percentile(times, 0.50), SippProcess.Percentile(times, 0.99), sippCpu, SippProcess.ReadPeriodic(stat, "SuccessfulCall(P)"));
        }
    }
}
