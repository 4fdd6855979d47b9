using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// Call set-up while one source floods the edge: phones call at a steady rate, quiet and then while sipp sends OPTIONS
/// from 127.0.0.4 at 20,000/s with an ordinary phone's User-Agent (only its rate gives it away, so the flood guard, not the
/// scanner list, has to stop it). The bar: legitimate set-up p99 within 2x of its quiet value.
/// </summary>
public sealed class FloodBench : IBenchSuite
{
    private const int FloodRate = 20_000;
    private const string Flooder = "127.0.0.4";

    public string Name => "flood";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        const int callers = 300;
        var rate = options.Quick ? 50 : 100;
        var seconds = options.Quick ? 5 : 15;
        var directory = Directory.CreateTempSubdirectory("pbx-bench-flood-");
        var calleePort = FreePort.UdpAndTcp();
        await using var app = await CallsBench.StartPbxAsync(cancellationToken);
        try
        {
            var (callees, run, edge) = await CallsBench.PrepareCallsAsync(app, sipp, directory.FullName, callers, calleePort, cancellationToken);
            await using var calleeSipp = callees;
            var calls = rate * seconds;

            // Warm-up (JIT, grain activations, connections), not reported: the quiet figure must not carry a cold start.
            await run.RunAsync(CallScenarios.Caller(CallsBench.Hold), rate * 3, rate, rate * 4, CallsBench.Hold, CallsBench.CdrDeadline, cancellationToken);
            var quiet = await run.RunAsync(CallScenarios.Caller(CallsBench.Hold), calls, rate, rate * 4, CallsBench.Hold, CallsBench.CdrDeadline, cancellationToken);
            await using var flood = StartFlood(sipp, edge, directory.FullName, FloodRate * (seconds + 5));
            var flooded = await run.RunAsync(CallScenarios.Caller(CallsBench.Hold), calls, rate, rate * 4, CallsBench.Hold, CallsBench.CdrDeadline, cancellationToken);
            var (_, floodElapsed, floodCpu, _) = await flood.WaitAsync(cancellationToken);
            var sent = SippProcess.ReadCounts(Path.Combine(directory.FullName, "flood-stat.csv")).Successful;

            return
            [
                new BenchRow(Name, $"call set-up p99, quiet ({rate}/s for {seconds} s)", $"{Text(quiet.P99)} ms", "", quiet.Notes(callers)),
                new BenchRow(Name, $"call set-up p99 during a {FloodRate:N0} req/s flood from one address", $"{Text(flooded.P99)} ms",
                    "<= 2x quiet, 0 failed", flooded.Notes(callers)),
                new BenchRow(Name, "flooded / quiet p99", Text(flooded.P99 / Math.Max(1, quiet.P99), "0.00") + "x", "<= 2x",
                    $"flood: {sent:N0} OPTIONS in {floodElapsed.TotalSeconds:0.0} s ({sent / Math.Max(0.001, floodElapsed.TotalSeconds):N0} /s), "
                    + $"flood sipp CPU {floodCpu.TotalSeconds:0.0} s; the flooder is ignored after Sip:Flood:RequestsPerWindow"),
            ];
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            directory.Delete(recursive: true);
        }
    }

    private static SippProcess StartFlood(string sipp, string edge, string workDir, int messages)
    {
        // The attack test's flood: one OPTIONS per call, nothing awaited, an ordinary desk phone's User-Agent.
        var scenario = Path.Combine(RepositoryRoot.Path, "tests", "Pbx.IntegrationTests", "Sipp", "flood-options.xml");
        return SippProcess.Start(sipp,
        [
            edge, "-sf", scenario, "-t", "u1", "-i", Flooder, "-p", CallsBench.Text(FreePort.UdpAndTcp()),
            "-m", CallsBench.Text(messages), "-r", CallsBench.Text(FloodRate), "-rate_max", CallsBench.Text(FloodRate), "-nostdin",
            "-trace_stat", "-stf", Path.Combine(workDir, "flood-stat.csv"), "-fd", "3600",
        ], workDir);
    }

    private static string Text(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
