using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// Runs the caller sipp of the call bench once and measures the PBX around it: its CPU and the CDRs the calls left, waited
/// for until every row of the run is completed or the deadline passes. A PBX in this process (<paramref name="pbxCpu"/>
/// null) also has its GC pauses measured; one in other processes has its CPU read by <paramref name="pbxCpu"/>.
/// </summary>
internal sealed class CallerRun(string sipp, string edge, string callee, string injection, string workDir, NpgsqlDataSource database,
    Func<TimeSpan>? pbxCpu = null)
{
    /// <summary>Offers <paramref name="calls"/> calls at <paramref name="rate"/>/s, at most <paramref name="limit"/> open.</summary>
    public async Task<CallerRunResult> RunAsync(string scenario, int calls, int rate, int limit, TimeSpan hold, TimeSpan cdrDeadline,
        CancellationToken cancellationToken)
    {
        var port = FreePort.UdpAndTcp();
        var scenarioFile = Path.Combine(workDir, $"caller-{port}.xml");
        await File.WriteAllTextAsync(scenarioFile, scenario, cancellationToken);
        var stat = Path.Combine(workDir, $"stat-{port}.csv");
        var started = DateTimeOffset.UtcNow;
        var cpuBefore = PbxCpu();
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        await using var process = SippProcess.Start(sipp,
        [
            edge, "-sf", scenarioFile, "-inf", injection, "-s", callee, "-t", "u1", "-i", "127.0.0.1", "-p", Text(port),
            "-mi", "127.0.0.1", "-mp", Text(FreePort.UdpAndTcp()),
            "-m", Text(calls), "-r", Text(rate), "-l", Text(limit), "-recv_timeout", "10000", "-nostdin",
            "-trace_stat", "-stf", stat, "-fd", "3600",
            // Response times are dumped every rtt_freq calls: a short run must dump at least once.
            "-trace_rtt", "-rtt_freq", Text(Math.Clamp(calls / 10, 1, 1000)),
            // As in the register bench: sipp's default socket buffer drops bursts, each drop a 500 ms retransmission.
            "-buff_size", "4194304",
        ], workDir);
        var (exitCode, elapsed, sippCpu, output) = await process.WaitAsync(cancellationToken);
        var (successful, failed) = SippProcess.ReadCounts(stat);
        var times = SippProcess.ReadResponseTimes(workDir);
        var cdrs = await WaitForCdrsAsync(started, successful, cdrDeadline, cancellationToken);
        var pbxCpuUsed = PbxCpu() - cpuBefore;
        double? gcShare = pbxCpu is null ? (GC.GetTotalPauseDuration() - pauseBefore) / clock.Elapsed : null;
        if (failed > 0 || exitCode != 0)
            Console.Error.WriteLine($"caller sipp at {rate}/s: exit {exitCode}, {failed} failed\n{Tail(output)}");
        return new CallerRunResult(exitCode, successful, failed, elapsed, hold, SippProcess.Percentile(times, 0.50),
            SippProcess.Percentile(times, 0.99), cdrs.Completed, cdrs.Open, cdrs.EndedByCaller, pbxCpuUsed, sippCpu, gcShare,
            GC.CollectionCount(2) - gen2Before, cdrs.StartSpan);
    }

    /// <summary>CDRs of calls started since <paramref name="since"/>: waits until none is open and at least <paramref name="expected"/> are completed.</summary>
    private async Task<(long Completed, long Open, long EndedByCaller, TimeSpan StartSpan)> WaitForCdrsAsync(DateTimeOffset since, long expected,
        TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var command = database.CreateCommand(
                """
                select count(*) filter (where ended_at is not null), count(*) filter (where ended_at is null),
                    count(*) filter (where disposition = 'answered' and hangup_side = 'caller'),
                    coalesce(extract(epoch from max(started_at) - min(started_at)), 0)::float8
                from cdrs where started_at >= $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = since });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var counts = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), TimeSpan.FromSeconds(reader.GetDouble(3)));
            if ((counts.Item1 >= expected && counts.Item2 == 0) || clock.Elapsed > deadline)
                return counts;
            // The CDR writer drains in the background; a poll every 100 ms costs nothing next to the run.
            await Task.Delay(100, cancellationToken);
        }
    }

    private TimeSpan PbxCpu()
    {
        if (pbxCpu is not null)
            return pbxCpu();
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string Tail(string output) => output.Length <= 2000 ? output : output[^2000..];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
