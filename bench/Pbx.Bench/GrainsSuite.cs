using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pbx.Grains.Runtime;
using Pbx.Silo.Hosting;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// In-process grain calls per second with p50/p99 latency (one caller; many callers over many keys), and grain state
/// writes and reads to PostgreSQL per second (its own throwaway cluster from deploy/pg.sh, fsync off like the tests).
/// </summary>
public sealed partial class GrainsSuite : IBenchSuite
{
    private const string Suite = "grains";

    public string Name => Suite;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var scale = options.Quick ? 10 : 1;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var connectionString = PostgresServer.Shared.CreateDatabase("bench");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
        });
        builder.Services.AddSilo(builder.Configuration).AddGrains(typeof(GrainsSuite).Assembly);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        try
        {
            // Warm-up: JIT, compiled invokers, activations of every key used below.
            await MeasureAsync(1, 1000, 2000 / scale, (g, i) => g.Ping(i), grains);
            return
            [
                await RowAsync("calls, 1 caller, 1 key", "10,000 calls/s", 1, 1, 200_000 / scale, (g, i) => g.Ping(i), grains),
                await RowAsync("calls, 64 callers, 1,000 keys", "10,000 calls/s", 64, 1000, 500_000 / scale, (g, i) => g.Ping(i), grains),
                await RowAsync("state writes, 1 writer", "", 1, 1, 3000 / scale, (g, i) => g.Save(i), grains),
                await RowAsync("state writes, 16 writers, 16 keys", "", 16, 16, 10_000 / scale, (g, i) => g.Save(i), grains),
                await StateReadsRowAsync(connectionString, 128_000 / scale, cancellationToken),
            ];
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<BenchRow> RowAsync(string name, string target, int callers, int keys, int total,
        Func<IGrainsBenchGrain, int, Task> call, IGrainFactory grains)
    {
        var (perSecond, latencies) = await MeasureAsync(callers, keys, total, call, grains);
        Array.Sort(latencies);
        return new BenchRow(Suite, name, $"{perSecond:N0} /s", target,
            $"p50 {Micros(latencies, 0.50)} µs, p99 {Micros(latencies, 0.99)} µs, n={latencies.Length:N0}, {Environment.ProcessorCount} cores");
    }

    private static async Task<(double PerSecond, long[] Latencies)> MeasureAsync(int callers, int keys, int total,
        Func<IGrainsBenchGrain, int, Task> call, IGrainFactory grains)
    {
        var references = Enumerable.Range(0, keys).Select(k => grains.GetGrain<IGrainsBenchGrain>(k.ToString(CultureInfo.InvariantCulture))).ToArray();
        var perCaller = total / callers;
        var latencies = new long[perCaller * callers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var slot = caller * perCaller + i;
                var before = Stopwatch.GetTimestamp();
                await call(references[slot % keys], i);
                latencies[slot] = Stopwatch.GetTimestamp() - before;
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (latencies.Length / seconds, latencies);
    }

    private static string Micros(long[] sorted, double quantile) =>
        (sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))] * 1_000_000.0 / Stopwatch.Frequency).ToString("N0", CultureInfo.InvariantCulture);
}
