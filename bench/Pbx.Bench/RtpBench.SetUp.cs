using System.Diagnostics;
using Pbx.MediaNode.Engine;

namespace Pbx.Bench;

/// <summary>The media node's share of call set-up (issue #5): an endpoint allocated, answered and released, over and over.</summary>
public sealed partial class RtpBench
{
    /// <summary>
    /// Cycles of allocate + answer + release, one at a time, while <paramref name="open"/> idle endpoints stay allocated as
    /// in a call-rate run; the exceptions counted are all the process's first-chance ones (the suite runs alone).
    /// </summary>
    private static async Task<IReadOnlyList<BenchRow>> SetUpAndReleaseAsync(int open, int cycles)
    {
        await using var engine = NewEngine(out _);
        using var load = new RtpLoadGenerator((1, false));
        var events = new NoEvents();
        var idle = new List<string>();
        for (var i = 0; i < open; i++)
            idle.Add((await AllocateAsync(engine, events, load, 0, "0 8 101")).EndpointId);
        for (var i = 0; i < 200; i++)
            await CycleAsync(engine, events, load);

        var exceptions = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref exceptions);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
            await CycleAsync(engine, events, load);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        AppDomain.CurrentDomain.FirstChanceException -= Count;
        foreach (var id in idle)
            await engine.ReleaseAsync(id);

        var label = $"endpoint allocate + answer + release, {open:N0} open";
        return
        [
            new BenchRow("rtp", $"{label}: rate", $"{cycles / clock.Elapsed.TotalSeconds:N0} /s", ">= 2,000 /s",
                $"{cycles:N0} in a row, one at a time; 1,000 calls/s need 2,000"),
            new BenchRow("rtp", $"{label}: CPU per endpoint", $"{cpu.TotalMicroseconds / cycles:0} us", "",
                $"process CPU, media clock included; {MachineLoad()}"),
            new BenchRow("rtp", $"{label}: managed allocation per endpoint", $"{allocated / (double)cycles / 1024:0.0} KB", "",
                "SDP offer parsed, answer written, sockets, buffers"),
            new BenchRow("rtp", $"{label}: exceptions per endpoint", $"{exceptions / (double)cycles:0.00}", "0",
                "first-chance, any: binds probed by a failed bind, receives ended by closing"),
        ];
    }

    private static async Task CycleAsync(MediaEngine engine, NoEvents events, RtpLoadGenerator load) =>
        await engine.ReleaseAsync((await AllocateAsync(engine, events, load, 0, "0 8 101")).EndpointId);
}
