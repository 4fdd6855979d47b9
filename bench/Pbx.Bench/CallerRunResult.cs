using System.Globalization;

namespace Pbx.Bench;

/// <summary>What one caller sipp run of the call bench measured.</summary>
/// <param name="ExitCode">sipp's exit code: 0 when every call succeeded.</param>
/// <param name="Successful">Calls that went through set-up, hold and BYE.</param>
/// <param name="Failed">Calls that failed (timeout, unexpected message such as a BYE from the PBX).</param>
/// <param name="Elapsed">Wall time of the sipp run.</param>
/// <param name="Hold">How long each answered call was held.</param>
/// <param name="P50">Median set-up time: first INVITE to 200, the 407 round trip included.</param>
/// <param name="P99">99th percentile of the same.</param>
/// <param name="CdrsCompleted">CDR rows of the run completed with an end time.</param>
/// <param name="CdrsOpen">CDR rows of the run still open when the wait ended.</param>
/// <param name="EndedByCaller">Completed rows of answered calls the caller hung up (the scenario's BYE).</param>
/// <param name="PbxCpu">CPU time of the PBX process over the run and the CDR wait.</param>
/// <param name="SippCpu">CPU time of the caller sipp.</param>
/// <param name="GcShare">Fraction of the run the PBX was paused for GC; null when it ran in other processes.</param>
/// <param name="Gen2">Gen2 collections during the run.</param>
/// <param name="StartSpan">From the first call's start to the last's, as the PBX's CDR rows record them.</param>
internal sealed record CallerRunResult(
    int ExitCode, long Successful, long Failed, TimeSpan Elapsed, TimeSpan Hold, double P50, double P99,
    long CdrsCompleted, long CdrsOpen, long EndedByCaller, TimeSpan PbxCpu, TimeSpan SippCpu, double? GcShare, int Gen2,
    TimeSpan StartSpan)
{
    /// <summary>
    /// Calls set up per second at the PBX: completed calls over the span their INVITEs arrived in (CDR start times). The
    /// sipp run's wall time would also count sipp's start-up and the last call's set-up, hold and BYE.
    /// </summary>
    public double CallsPerSecond => CdrsCompleted < 2 ? 0 : (CdrsCompleted - 1) / Math.Max(0.001, StartSpan.TotalSeconds);

    /// <summary>Calls per second over the sipp run's wall time less one hold (a lower bound of the set-up rate).</summary>
    public double WallCallsPerSecond => Successful / Math.Max(0.001, (Elapsed - Hold).TotalSeconds);

    /// <summary>PBX CPU microseconds per successful call.</summary>
    public double PbxMicrosPerCall => Successful == 0 ? double.NaN : PbxCpu.TotalMicroseconds / Successful;

    /// <summary>The table's notes for this run.</summary>
    public string Notes(int callers) => string.Create(CultureInfo.InvariantCulture,
        $"{Successful:N0} ok / {Failed:N0} failed ({(double)Failed / Math.Max(1, Successful + Failed):P2}) in {Elapsed.TotalSeconds:0.0} s "
        + $"({WallCallsPerSecond:N0} /s over sipp's wall time) "
        + $"from {callers:N0} callers; INVITE->200 p50 {P50:0} ms, p99 {P99:0} ms (from the first INVITE, 407 included); "
        + $"CDRs completed {CdrsCompleted:N0}, open {CdrsOpen:N0}; CPU per call: PBX {PbxMicrosPerCall:N0} us, caller sipp "
        + $"{(Successful == 0 ? double.NaN : SippCpu.TotalMicroseconds / Successful):N0} us; "
        + $"{(GcShare is { } gc ? $"GC paused {gc.ToString("P0", CultureInfo.InvariantCulture)} ({Gen2} gen2); " : "")}"
        + $"{Environment.ProcessorCount} cores; sipp exit {ExitCode}");
}
