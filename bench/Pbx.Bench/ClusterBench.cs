using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Pbx.Silo.Hosting;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// The register and calls suites' loads with the roles as separate processes (<see cref="BenchCluster"/>): (b) one silo,
/// one edge and one media node; (c) two silos behind the same edge and media node. Every row gives the CPU each process
/// spent per registration or call, which is where the time goes; the all-in-one figures are the register and calls suites'.
/// </summary>
public sealed class ClusterBench : IBenchSuite
{
    public string Name => "cluster";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var rows = new List<BenchRow>();
        rows.AddRange(await RunAsync("(b) silo, edge, media apart", silos: 1, options, cancellationToken));
        rows.AddRange(await RunAsync("(c) 2 silos, edge, media apart", silos: 2, options, cancellationToken));
        return rows;
    }

    private async Task<IReadOnlyList<BenchRow>> RunAsync(string topology, int silos, BenchOptions options, CancellationToken cancellationToken)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var connectionString = PostgresServer.Shared.CreateDatabase("bench_cluster");
        var directory = Directory.CreateTempSubdirectory("pbx-bench-cluster-");
        try
        {
            await using var cluster = await BenchCluster.StartAsync(connectionString, silos, directory.FullName, cancellationToken);
            await using var database = NpgsqlDataSource.Create(connectionString);
            var rows = new List<BenchRow>();
            rows.AddRange(await RegisterAsync(topology, cluster, database, sipp, directory.FullName, options, cancellationToken));
            rows.AddRange(await CallAsync(topology, cluster, database, sipp, directory.FullName, options, cancellationToken));
            return rows;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The register suite's load: a first run that activates every extension grain, then a warm re-register run.</summary>
    private async Task<IReadOnlyList<BenchRow>> RegisterAsync(string topology, BenchCluster cluster, NpgsqlDataSource database, string sipp,
        string workDir, BenchOptions options, CancellationToken cancellationToken)
    {
        var extensions = options.Quick ? 2_000 : 10_000;
        var calls = options.Quick ? 6_000 : RegisterBench.OfferedRate * 15;
        await RegisterBench.SeedAsync(database, BenchCluster.Realm, RegisterBench.FirstExtension, extensions, cancellationToken);
        var injection = Path.Combine(workDir, "extensions.csv");
        await File.WriteAllTextAsync(injection, RegisterBench.InjectionFile(RegisterBench.FirstExtension, extensions), cancellationToken);
        var rows = new List<BenchRow>();
        foreach (var phase in new[] { "first run, activates every grain", "re-register run" })
        {
            var before = cluster.Cpu();
            var result = await RegisterSippRun.RunAsync(sipp, cluster.Edge.Udp, injection, calls, RegisterBench.OfferedRate,
                RegisterBench.MaxOpenCalls, FreePort.UdpAndTcp(), workDir, cancellationToken);
            rows.Add(new BenchRow(Name, $"{topology}: authenticated REGISTER, UDP ({phase}, {RegisterBench.OfferedRate:N0}/s offered)",
                Text(result.Successful / result.Elapsed.TotalSeconds),
                Notes: string.Create(CultureInfo.InvariantCulture,
                    $"{result.Successful:N0} ok / {result.Failed:N0} failed in {result.Elapsed.TotalSeconds:0.0} s over {extensions:N0} extensions; "
                    + $"p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms; CPU per registration: {cluster.CpuPerOperation(before, result.Successful)}; "
                    + $"{Environment.ProcessorCount} cores; sipp exit {result.ExitCode}")));
        }
        return rows;
    }

    /// <summary>The calls suite's ladder (media anchored, 1 s hold, every CDR waited for).</summary>
    private async Task<IReadOnlyList<BenchRow>> CallAsync(string topology, BenchCluster cluster, NpgsqlDataSource database, string sipp,
        string workDir, BenchOptions options, CancellationToken cancellationToken)
    {
        var callers = options.Quick ? 1_000 : 3_000;
        int[] rates = options.Quick ? [300] : [600, 1000];
        var seconds = options.Quick ? 5 : 15;
        await RegisterBench.SeedAsync(database, BenchCluster.Realm, CallsBench.FirstCaller, callers, cancellationToken);
        await RegisterBench.SeedAsync(database, BenchCluster.Realm, CallsBench.Callee, 1, cancellationToken);
        var calleePort = FreePort.UdpAndTcp();
        await BindCalleeThroughClientAsync(cluster, calleePort, cancellationToken);
        var injection = Path.Combine(workDir, "calls.csv");
        await File.WriteAllTextAsync(injection, RegisterBench.InjectionFile(CallsBench.FirstCaller, callers), cancellationToken);
        await using var callees = await CallsBench.StartCalleeAsync(sipp, workDir, calleePort, cancellationToken);
        var run = new CallerRun(sipp, cluster.Edge.Udp.ToString(), CallsBench.Text(CallsBench.Callee), injection, workDir, database,
            cluster.TotalCpu);
        var rows = new List<BenchRow>();
        foreach (var rate in rates)
        {
            var before = cluster.Cpu();
            var result = await run.RunAsync(CallScenarios.Caller(CallsBench.Hold), rate * seconds, rate, rate * 4, CallsBench.Hold,
                CallsBench.CdrDeadline, cancellationToken);
            rows.Add(new BenchRow(Name, $"{topology}: call set-up, media anchored, 1 s hold ({rate:N0}/s offered for {seconds} s)",
                $"{Text(result.CallsPerSecond)}",
                Notes: $"{result.Notes(callers)}; CPU per call by process: {cluster.CpuPerOperation(before, result.Successful)}"));
        }
        return rows;
    }

    /// <summary>The callee's binding, made through an Orleans client of the cluster as an edge would after its REGISTER.</summary>
    private static async Task BindCalleeThroughClientAsync(BenchCluster cluster, int calleePort, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(cluster.ClientSettings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddClusterClient(builder.Configuration);
        using var client = builder.Build();
        await client.StartAsync(cancellationToken);
        await CallsBench.BindCalleeAsync(client.Services.GetRequiredService<IGrainFactory>(), calleePort);
        await client.StopAsync(cancellationToken);
    }

    private static string Text(double perSecond) => $"{perSecond.ToString("N0", CultureInfo.InvariantCulture)} /s";
}
