using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// Registration storms (issue 24, "overload without collapse"): 2,000 phones re-registering at 8,000/s into a PBX that
/// has just started; then three times the REGISTER capacity offered for 60 s (three sipp processes, each keeping up to
/// 4,000 registrations open, as phones do not wait for each other); then the capacity offered again, second by second,
/// to see how soon the full rate is served after the burst. A registration sipp gave up on (no answer in 10 s, or an
/// error status) counts as failed.
/// </summary>
public sealed class OverloadBench : IBenchSuite
{
    private const int Phones = 10_000;
    private const int StormPhones = 2_000;
    private const int BurstProcesses = 3;
    private const int BurstOpenCalls = 4_000;

    public string Name => "overload";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var burstSeconds = options.Quick ? 10 : 60;
        const int capacity = RegisterBench.TargetRate;
        await using var pbx = await RegisterBenchHost.StartAsync(Phones, cancellationToken);
        var work = pbx.WorkDir.FullName;
        var rows = new List<BenchRow>();

        var storm = await RegisterSippRun.RunAsync(sipp, pbx.Edge, pbx.Injection, StormPhones, capacity, StormPhones, FreePort.UdpAndTcp(), work, cancellationToken);
        rows.Add(new BenchRow(Name, $"cold storm: {StormPhones:N0} phones at {capacity:N0}/s into a PBX just started",
            $"{storm.Successful:N0} ok / {storm.Failed:N0} failed", "0 failed, p99 <= 1 s",
            $"p50 {storm.P50:0.0} ms, p99 {storm.P99:0.0} ms in {storm.Elapsed.TotalSeconds:0.0} s"));

        var burst = Enumerable.Range(0, BurstProcesses)
            .Select(_ => RegisterSippRun.Start(sipp, pbx.Edge, pbx.Injection, capacity * burstSeconds, capacity, BurstOpenCalls, FreePort.UdpAndTcp(), work, 3600))
            .ToList();
        var burstRuns = await Task.WhenAll(burst.Select(b => b.WaitAsync(cancellationToken)));
        var served = burstRuns.Sum(r => r.Successful);
        var failed = burstRuns.Sum(r => r.Failed);
        var seconds = burstRuns.Max(r => r.Elapsed.TotalSeconds);
        rows.Add(new BenchRow(Name, $"burst: {BurstProcesses * capacity:N0}/s offered (3x capacity) for {burstSeconds} s",
            $"{(served / seconds).ToString("N0", CultureInfo.InvariantCulture)} /s served",
            "served, not collapsed",
            $"{served:N0} ok / {failed:N0} failed in {seconds:0.0} s; p99 of those served "
                + $"{burstRuns.Max(r => r.P99):0} ms (worst of {BurstProcesses} sipp)"));

        var recovery = await RegisterSippRun.RunAsync(sipp, pbx.Edge, pbx.Injection, capacity * 15, capacity, RegisterBench.MaxOpenCalls,
            FreePort.UdpAndTcp(), work, cancellationToken, statSeconds: 1);
        var perSecond = recovery.SuccessfulPerInterval;
        var recoveredAfter = perSecond.ToList().FindIndex(n => n >= capacity * 0.9);
        rows.Add(new BenchRow(Name, $"after the burst: {capacity:N0}/s offered, second by second",
            recoveredAfter < 0 ? "not recovered" : $"full rate in second {recoveredAfter + 1}",
            "full rate within 5 s",
            $"served per second: {string.Join(", ", perSecond.Take(8).Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}...; "
                + $"{recovery.Successful:N0} ok / {recovery.Failed:N0} failed; p99 {recovery.P99:0.0} ms"));
        return rows;
    }
}
