using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Pbx.Silo.Persistence;

namespace Pbx.Bench;

/// <summary>
/// State reads as grain activations issue them (issue #5: three per call, all of fresh keys that have no row), and the
/// CPU they cost on both sides: this process and the PostgreSQL backends serving the run.
/// </summary>
public sealed partial class GrainsSuite
{
    private const int Readers = 64;

    private static async Task<BenchRow> StateReadsRowAsync(string connectionString, int total, CancellationToken cancellationToken)
    {
        // Its own pool under its own application_name, so the backends whose CPU is counted served these reads only.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "bench-state-reads" };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var storage = new GrainStateStorage(dataSource);
        var perReader = total / Readers;
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            for (var i = 0; i < perReader; i++)
                await storage.ReadStateAsync("bench", GrainId.Create("benchread", $"{reader}-{i}"), new GrainState<GrainsBenchState>());
        }, cancellationToken)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var siloCpu = self.TotalProcessorTime - cpuBefore;
        var databaseCpu = await BackendCpuAsync(dataSource, builder.ApplicationName, cancellationToken);
        var reads = perReader * Readers;
        return new BenchRow(Suite, $"state reads, {Readers} readers, fresh keys", $"{reads / seconds:N0} /s", "",
            $"CPU per read: silo {PerRead(siloCpu, reads)} µs, PostgreSQL {PerRead(databaseCpu, reads)} µs; n={reads:N0}, {Environment.ProcessorCount} cores");
    }

    private static async Task<TimeSpan> BackendCpuAsync(NpgsqlDataSource dataSource, string applicationName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select pid from pg_stat_activity where application_name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var total = TimeSpan.Zero;
        while (await reader.ReadAsync(cancellationToken))
        {
            using var backend = Process.GetProcessById(reader.GetInt32(0));
            total += backend.TotalProcessorTime;
        }
        return total;
    }

    private static string PerRead(TimeSpan cpu, int reads) =>
        (cpu.TotalMicroseconds / reads).ToString("N1", CultureInfo.InvariantCulture);
}
