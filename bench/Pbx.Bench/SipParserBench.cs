using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Pbx.Bench;

/// <summary>Suite "sip-parser": <see cref="SipParserBenchmarks"/> in process (no child build), as parses per second on one core and bytes allocated.</summary>
public sealed class SipParserBench : IBenchSuite
{
    private const double TargetPerSecond = 500_000;

    public string Name => "sip-parser";

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var job = (options.Quick ? Job.Dry.WithIterationCount(3).WithInvocationCount(20_000).WithUnrollFactor(1) : Job.ShortRun)
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable().AddJob(job).AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<SipParserBenchmarks>(config);
        var rows = new List<BenchRow>();
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            if (report.ResultStatistics is null)
            {
                rows.Add(new BenchRow(Name, method, "failed", "", "see BenchmarkDotNet output"));
                continue;
            }
            var nanoseconds = report.ResultStatistics.Mean;
            var perSecond = 1e9 / nanoseconds;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            var isParse = method.StartsWith("Parse", StringComparison.Ordinal);
            rows.Add(new BenchRow(
                Name,
                $"{method} ({SipParserBenchmarks.Invite.Length} B INVITE)",
                $"{perSecond.ToString("N0", CultureInfo.InvariantCulture)}/s ({nanoseconds.ToString("F0", CultureInfo.InvariantCulture)} ns)",
                isParse ? $">= {TargetPerSecond.ToString("N0", CultureInfo.InvariantCulture)}/s" : "",
                $"{allocated} B allocated/op; 1 thread; {(options.Quick ? "quick" : "ShortRun")}"));
        }
        return Task.FromResult<IReadOnlyList<BenchRow>>(rows);
    }
}
