using System.Globalization;
using Pbx.MediaNode.Rtp;

namespace Pbx.Bench;

/// <summary>Calls held a minute with RTP both ways through the media node: none may drop, lose its CDR or lose packets.</summary>
public sealed partial class CallsBench
{
    private const int RtpCalls = 300;

    private async Task<BenchRow> RunRtpAsync(CallerRun run, MediaCounters counters, BenchOptions options, CancellationToken cancellationToken)
    {
        var calls = options.Quick ? 50 : RtpCalls;
        // Nine plays of the 7.1 s recording hold each call just over 60 s.
        var plays = options.Quick ? 2 : 9;
        var received = counters.Received;
        var forwarded = counters.Forwarded;
        var dropped = Dropped(counters);
        // Set up at 100/s so the minute of RTP, not the set-up burst, is what is measured.
        var result = await run.RunAsync(CallScenarios.CallerWithRtp(plays), calls, 100, calls,
            CallScenarios.AudioPcapLength * plays, CdrDeadline, cancellationToken);
        received = counters.Received - received;
        forwarded = counters.Forwarded - forwarded;
        dropped = Dropped(counters) - dropped;
        // Every packet the callers send crosses the node twice: caller to callee, and the callee's echo back.
        var sent = (long)result.Successful * CallScenarios.AudioPcapPackets * plays;
        var loss = sent == 0 ? double.NaN : 1 - (double)forwarded / (2 * sent);
        var droppedCalls = result.Failed + (result.Successful - result.EndedByCaller);
        return new BenchRow(Name, $"{calls} concurrent calls, RTP both ways for {(CallScenarios.AudioPcapLength * plays).TotalSeconds:0} s",
            string.Create(CultureInfo.InvariantCulture, $"{droppedCalls} dropped, {loss:P3} RTP lost"),
            $"{RtpCalls} calls, 60 s: 0 dropped, no CDR lost, no RTP loss",
            string.Create(CultureInfo.InvariantCulture,
                $"{result.Successful} ok / {result.Failed} failed; CDRs completed {result.CdrsCompleted}, ended by the caller's BYE "
                + $"{result.EndedByCaller}, open {result.CdrsOpen}; node: {received:N0} RTP received, {forwarded:N0} forwarded of "
                + $"{2 * sent:N0} sent by sipp (callers' plays and callees' echo), {dropped:N0} dropped; PBX CPU "
                + $"{result.PbxCpu / result.Elapsed:P0} of one core; GC paused {result.GcShare ?? 0:P1}; sipp exit {result.ExitCode}"));
    }

    private static long Dropped(MediaCounters counters)
    {
        var total = 0L;
        foreach (var reason in Enum.GetValues<RtpDropReason>())
            total += counters.Dropped(reason);
        return total;
    }
}
