using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// The PBX's roles as separate processes of its binary on one PostgreSQL, as deploy/cluster.sh starts them: one or more
/// silos, one media node and one edge (no API). Each process's CPU can be read, so a run shows where the time goes.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    /// <summary>The realm every process shares (the seeded HA1s are computed with it).</summary>
    public const string Realm = "bench.pbx";

    private readonly List<(string Role, PbxProcess Process)> _processes;

    private BenchCluster(List<(string Role, PbxProcess Process)> processes) => _processes = processes;

    /// <summary>The edge process: phones send SIP to its <see cref="PbxProcess.Udp"/>.</summary>
    public PbxProcess Edge => _processes.Single(p => p.Role == "edge").Process;

    /// <summary>Settings of an Orleans client of this cluster (the bench binds the callee through one).</summary>
    public required IReadOnlyDictionary<string, string?> ClientSettings { get; init; }

    /// <summary>
    /// Starts <paramref name="silos"/> silos, then the media node and the edge, each once the previous is ready; each silo
    /// keeps its CDR journal in a folder of its own under <paramref name="workDir"/>.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(string connectionString, int silos, string workDir, CancellationToken cancellationToken)
    {
        var clusterId = $"bench-{Guid.NewGuid():N}";
        string[] common =
        [
            $"--Database:ConnectionString={connectionString}",
            $"--Cluster:ClusterId={clusterId}",
            "--Urls=http://127.0.0.1:0",
            "--Roles:Api=false",
            "--Seed:Enabled=false",
            "--Log:Level=Warning",
            $"--Sip:Realm={Realm}",
        ];
        var processes = new List<(string Role, PbxProcess Process)>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                processes.Add(($"silo-{i + 1}", await PbxProcess.StartAsync(
                [
                    .. common, .. Roles(silo: true), $"--Cluster:SiloPort={FreePort.Tcp()}", $"--Cluster:GatewayPort={FreePort.Tcp()}",
                    $"--Cdrs:JournalDirectory={Path.Combine(workDir, $"journal-{i + 1}")}",
                ], sipPort: 0)));
                cancellationToken.ThrowIfCancellationRequested();
            }
            processes.Add(("media", await PbxProcess.StartAsync(
            [
                .. common, .. Roles(media: true), "--Media:BindAddress=127.0.0.1", "--Media:Address=127.0.0.1",
                // 5,000 port pairs: two per call, more than 1,000 calls up at the top of the ladder.
                "--Media:RtpPortMin=20000", "--Media:RtpPortMax=29999",
            ], sipPort: 0)));
            var sip = FreePort.UdpAndTcp();
            var port = sip.ToString(CultureInfo.InvariantCulture);
            processes.Add(("edge", await PbxProcess.StartAsync(
            [
                .. common, .. Roles(edge: true), $"--Sip:Udp:0=127.0.0.1:{port}", $"--Sip:Tcp:0=127.0.0.1:{port}",
                $"--Sip:Registrar:EdgeNodeId={CallsBench.EdgeNodeId}",
            ], sip)));
        }
        catch
        {
            foreach (var (_, process) in processes)
                await process.DisposeAsync();
            throw;
        }
        return new BenchCluster(processes)
        {
            ClientSettings = new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = connectionString,
                ["Cluster:ClusterId"] = clusterId,
            },
        };
    }

    /// <summary>Every process's CPU time so far, by role.</summary>
    public IReadOnlyList<(string Role, TimeSpan Cpu)> Cpu() => [.. _processes.Select(p => (p.Role, p.Process.TotalProcessorTime))];

    /// <summary>All processes' CPU time so far.</summary>
    public TimeSpan TotalCpu() => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Process.TotalProcessorTime);

    /// <summary>"silo-1: 410 us, media: 95 us, edge: 260 us": CPU per operation of each process since <paramref name="before"/>.</summary>
    public string CpuPerOperation(IReadOnlyList<(string Role, TimeSpan Cpu)> before, long operations)
    {
        var after = Cpu();
        return string.Join(", ", after.Zip(before, (a, b) => string.Create(CultureInfo.InvariantCulture,
            $"{a.Role}: {(operations == 0 ? double.NaN : (a.Cpu - b.Cpu).TotalMicroseconds / operations):N0} us")));
    }

    public async ValueTask DisposeAsync()
    {
        // The edge first, so no new work reaches silos that are going away.
        for (var i = _processes.Count - 1; i >= 0; i--)
            await _processes[i].Process.DisposeAsync();
    }

    private static string[] Roles(bool silo = false, bool edge = false, bool media = false) =>
        [$"--Roles:Silo={silo}", $"--Roles:Edge={edge}", $"--Roles:Media={media}"];
}
