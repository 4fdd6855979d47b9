using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Hosting;
using Pbx.MediaNode.Rtp;

namespace Pbx.Bench;

/// <summary>
/// The media node under call load over loopback UDP: bridged calls relayed as is, bridged calls transcoded PCMU to PCMA,
/// and 10-member conferences. The load generator runs on its own threads; their CPU time is subtracted from the
/// process's, so "CPU per packet" is the node's alone.
/// </summary>
/// <remarks>
/// The suite runs in a child process started with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, the setting a media
/// node is deployed with: socket completions then run the (non-blocking) relay on the epoll thread instead of hopping
/// to the thread pool, about a third less CPU per packet. The runtime reads it once at start, hence the child.
/// </remarks>
public sealed partial class RtpBench : IBenchSuite
{
    private const int SocketsPerSide = 2;
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public string Name => "rtp";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) != "1")
            return await RunInChildAsync(options, cancellationToken);
        var calls = options.Quick ? 100 : 500;
        var rows = new List<BenchRow>();
        // Latency grows with load well before loss shows, so it is measured at lighter loads too.
        foreach (var lighter in options.Quick ? [50] : (int[])[100, 300])
            rows.AddRange((await BridgedAsync("pass-through", lighter, options.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(20), transcode: false)).Take(2));
        rows.AddRange(await BridgedAsync("pass-through", calls, options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60), transcode: false));
        rows.AddRange(await BridgedAsync("PCMU<->PCMA", calls, options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(20), transcode: true));
        rows.AddRange(await ConferenceAsync(options.Quick ? 3 : 10, options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(20)));
        rows.AddRange(await SetUpAndReleaseAsync(open: 1000, cycles: options.Quick ? 2000 : 10_000));
        return rows;
    }

    private async Task<IReadOnlyList<BenchRow>> RunInChildAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(RtpBench).Assembly.Location);
        if (options.Quick)
            start.ArgumentList.Add("--quick");
        start.ArgumentList.Add(Name);
        start.Environment[InlineCompletions] = "1";
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"rtp bench child exited with {child.ExitCode}");
        // The child prints the suite's table: take its rows back.
        return output.Split('\n')
            .Where(line => line.StartsWith($"| {Name} ", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => new BenchRow(cells[1], cells[2], cells[3], cells[4], cells[5]))
            .ToList();
    }

    private static async Task<IReadOnlyList<BenchRow>> BridgedAsync(string mode, int calls, TimeSpan duration, bool transcode)
    {
        await using var engine = NewEngine(out var counters);
        using var load = new RtpLoadGenerator((SocketsPerSide, false), (SocketsPerSide, transcode));
        var events = new NoEvents();
        var legs = new List<(int Socket, int NodePort, int PayloadType)>();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (var call = 0; call < calls; call++)
        {
            var socketA = call % SocketsPerSide;
            var socketB = SocketsPerSide + call % SocketsPerSide;
            var a = await AllocateAsync(engine, events, load, socketA, "0 101");
            var b = await AllocateAsync(engine, events, load, socketB, transcode ? "8 101" : "0 101");
            await engine.BridgeAsync(a.EndpointId, b.EndpointId);
            legs.Add((socketA, a.RtpPort, 0));
            legs.Add((socketB, b.RtpPort, transcode ? 8 : 0));
        }
        var memoryPerCall = (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / (double)calls;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (result, nodeCpu) = Measure(() => load.Run(legs, duration, measureLatency: true));
        var forwarded = counters.Forwarded;
        var allocatedPerPacket = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore - result.GeneratorAllocated) / (double)Math.Max(1, forwarded);
        var lost = result.Sent - result.Received;
        var label = $"{calls} bridged calls, {mode}, {duration.TotalSeconds:0} s";
        var cpuPerPacket = nodeCpu.TotalMicroseconds / Math.Max(1, forwarded);
        return
        [
            new BenchRow("rtp", $"{label}: loss", $"{lost} of {result.Sent}", "0", $"{result.Received} received"),
            new BenchRow("rtp", $"{label}: added latency p50 / p99", $"{result.Percentile(0.5):0} / {result.Percentile(0.99):0} us",
                "p99 < 1000 us", $"send to {(load.KernelTimestamps ? "kernel receive stamp" : "receive thread")} through the node, loopback; {SchedulingPolicy()}"),
            new BenchRow("rtp", $"{label}: packets forwarded", $"{forwarded / duration.TotalSeconds:0} /s", "~50000 /s at 500 calls", "in = out"),
            new BenchRow("rtp", $"{label}: node CPU per forwarded packet", $"{cpuPerPacket:0.0} us", transcode ? "" : "<= 24 us",
                $"node {nodeCpu.TotalSeconds:0.0} s CPU, generator excluded; {MachineLoad()}"),
            new BenchRow("rtp", $"{label}: managed allocation per forwarded packet", $"{allocatedPerPacket:0.00} B", "~0",
                $"node only (generator's {result.GeneratorAllocated / 1024} KB excluded), RTCP and clock included"),
            new BenchRow("rtp", $"{label}: memory per call", $"{memoryPerCall / 1024:0.0} KB", "< 50 KB", "managed heap, 2 endpoints + bridge"),
        ];
    }

    private static async Task<IReadOnlyList<BenchRow>> ConferenceAsync(int conferences, TimeSpan duration)
    {
        const int members = 10;
        await using var engine = NewEngine(out var counters);
        using var load = new RtpLoadGenerator((SocketsPerSide, false));
        var events = new NoEvents();
        var legs = new List<(int Socket, int NodePort, int PayloadType)>();
        for (var room = 0; room < conferences; room++)
        {
            for (var member = 0; member < members; member++)
            {
                var socket = member % SocketsPerSide;
                var endpoint = await AllocateAsync(engine, events, load, socket, "0 101");
                await engine.JoinConferenceAsync($"room-{room}", endpoint.EndpointId);
                legs.Add((socket, endpoint.RtpPort, 0));
            }
        }
        var generatedBefore = counters.Generated;
        var (result, nodeCpu) = Measure(() => load.Run(legs, duration, measureLatency: false));
        var generated = counters.Generated - generatedBefore;
        var legCount = conferences * members;
        var cpuPerMemberSecond = nodeCpu.TotalMicroseconds / legCount / duration.TotalSeconds;
        var label = $"{conferences} conferences x {members} members, {duration.TotalSeconds:0} s";
        return
        [
            new BenchRow("rtp", $"{label}: mixes sent", $"{generated / duration.TotalSeconds / legCount:0.0} /s per member", "50 /s",
                $"{result.Sent} packets in, {result.Received} mixes received"),
            new BenchRow("rtp", $"{label}: node CPU per member", $"{cpuPerMemberSecond / 10_000:0.00} % of a core",
                "", $"{cpuPerMemberSecond / 50:0.0} us per 20 ms frame (decode, mix, encode, send)"),
        ];
    }

    /// <summary>
    /// How the process is scheduled (proc(5) /proc/self/stat field 41): bench/run.sh --realtime runs it SCHED_FIFO, which
    /// takes the node's threads out of the queue behind ordinary work on a busy machine.
    /// </summary>
    private static string SchedulingPolicy()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var policy = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[38];
        return policy switch
        {
            "0" => "normal scheduling",
            "1" => "SCHED_FIFO",
            "2" => "SCHED_RR",
            _ => $"scheduling policy {policy}",
        };
    }

    /// <summary>The 1-minute load average against the core count: figures from a busy machine are upper bounds.</summary>
    private static string MachineLoad() =>
        $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores";

    private static (RtpLoadResult Result, TimeSpan NodeCpu) Measure(Func<RtpLoadResult> run)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = run();
        process.Refresh();
        var nodeCpu = process.TotalProcessorTime - before - result.GeneratorCpu;
        return (result, nodeCpu);
    }

    private static async Task<MediaAllocationResult> AllocateAsync(MediaEngine engine, IMediaEvents events, RtpLoadGenerator load, int socket, string formats)
    {
        var allocation = await engine.AllocateAsync("bench", events);
        if (!allocation.Succeeded)
            throw new InvalidOperationException(allocation.Reason);
        var phone = load.EndPointOf(socket);
        var offer = $"v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
            $"m=audio {phone.Port.ToString(CultureInfo.InvariantCulture)} RTP/AVP {formats}\r\na=rtpmap:101 telephone-event/8000\r\n";
        await engine.AnswerAsync(allocation.EndpointId, offer);
        return allocation;
    }

    private static MediaEngine NewEngine(out MediaCounters counters)
    {
        counters = new MediaCounters();
        var options = new MediaOptions
        {
            Address = "127.0.0.1",
            BindAddress = "127.0.0.1",
            // Below Linux's ephemeral range, so the generator's sockets never take a node port.
            RtpPortMin = 24000,
            RtpPortMax = 27999,
            MediaTimeout = TimeSpan.FromMinutes(10),
        };
        return new MediaEngine(Options.Create(options), NullLogger<MediaEngine>.Instance, TimeProvider.System, counters);
    }

    /// <summary>The bench ignores media events.</summary>
    private sealed class NoEvents : IMediaEvents
    {
        public Task OnDtmfAsync(DtmfReceived dtmf) => Task.CompletedTask;

        public Task OnMediaTimeoutAsync(MediaTimedOut timeout) => Task.CompletedTask;

        public Task OnPlaybackCompletedAsync(PlaybackCompleted completed) => Task.CompletedTask;
    }
}
