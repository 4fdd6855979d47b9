using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// Grain calls per second with p50/p99 latency on Orleans as AddSilo configures it (one caller; many callers over many
/// keys), the same calls to grains on a second silo of the cluster, and grain state writes and reads to PostgreSQL per
/// second through the PBX's GrainStateStorage (its own throwaway cluster from deploy/pg.sh, fsync off like the tests).
/// </summary>
public sealed partial class GrainsSuite : IBenchSuite
{
    private const string Suite = "grains";

    // Keys of grains activated from the second silo, so placed there (GrainsBenchGrain prefers its first caller's silo).
    private const string RemotePrefix = "remote-";

    public string Name => Suite;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var scale = options.Quick ? 10 : 1;
        var connectionString = PostgresServer.Shared.CreateDatabase("bench");
        using var host = await StartSiloAsync(connectionString, cancellationToken);
        using var other = await StartSiloAsync(connectionString, cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        try
        {
            // Warm-up: JIT, compiled invokers, activations of every key used below, each on the silo meant to host it.
            await MeasureAsync(1, 1000, "", 2000 / scale, (g, i) => g.Ping(i), grains);
            await MeasureAsync(1, 1000, RemotePrefix, 2000 / scale, (g, i) => g.Ping(i), other.Services.GetRequiredService<IGrainFactory>());
            await RequirePlacementAsync(grains, "0", host);
            await RequirePlacementAsync(grains, RemotePrefix + "0", other);
            return
            [
                await RowAsync("calls, 1 caller, 1 key", "10,000 calls/s", 1, 1, "", 200_000 / scale, (g, i) => g.Ping(i), grains),
                await RowAsync("calls, 64 callers, 1,000 keys", "10,000 calls/s", 64, 1000, "", 500_000 / scale, (g, i) => g.Ping(i), grains),
                await RowAsync("calls to the other silo, 1 caller, 1 key", "", 1, 1, RemotePrefix, 50_000 / scale, (g, i) => g.Ping(i), grains),
                await RowAsync("calls to the other silo, 64 callers, 1,000 keys", "", 64, 1000, RemotePrefix, 200_000 / scale, (g, i) => g.Ping(i), grains),
                await RowAsync("state writes, 1 writer", "", 1, 1, "", 3000 / scale, (g, i) => g.Save(i), grains),
                await RowAsync("state writes, 16 writers, 16 keys", "", 16, 16, "", 10_000 / scale, (g, i) => g.Save(i), grains),
                await StateReadsRowAsync(connectionString, 128_000 / scale, cancellationToken),
            ];
        }
        finally
        {
            await other.StopAsync(CancellationToken.None);
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Fails the suite when <paramref name="key"/> does not run where the rows that use it say it does.</summary>
    private static async Task RequirePlacementAsync(IGrainFactory grains, string key, IHost expected)
    {
        var actual = await grains.GetGrain<IGrainsBenchGrain>(key).Silo();
        var silo = expected.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        if (actual != silo)
            throw new InvalidOperationException($"bench grain '{key}' runs on {actual}, not on {silo}: the rows would measure the wrong path");
    }

    private static async Task<BenchRow> RowAsync(string name, string target, int callers, int keys, string keyPrefix, int total,
        Func<IGrainsBenchGrain, int, Task> call, IGrainFactory grains)
    {
        var (perSecond, latencies) = await MeasureAsync(callers, keys, keyPrefix, total, call, grains);
        Array.Sort(latencies);
        return new BenchRow(Suite, name, $"{perSecond:N0} /s", target,
            $"p50 {Micros(latencies, 0.50)} µs, p99 {Micros(latencies, 0.99)} µs, n={latencies.Length:N0}, {Environment.ProcessorCount} cores");
    }

    private static async Task<(double PerSecond, long[] Latencies)> MeasureAsync(int callers, int keys, string keyPrefix, int total,
        Func<IGrainsBenchGrain, int, Task> call, IGrainFactory grains)
    {
        var references = Enumerable.Range(0, keys)
            .Select(k => grains.GetGrain<IGrainsBenchGrain>(keyPrefix + k.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
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
