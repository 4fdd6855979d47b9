using System.Diagnostics.Metrics;

namespace Pbx.Grains.Calls;

/// <summary>
/// What calls count, on the <c>Pbx.Calls</c> meter (OpenTelemetry, exported at <c>/metrics</c>): calls started (a CDR row
/// opened), calls ended by CDR disposition, and the calls up on this silo (each silo counts the call grains it hosts; a dashboard
/// sums the silos).
/// </summary>
public static class CallMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Pbx.Calls";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Started = Meter.CreateCounter<long>("pbx.calls.started", "{call}", "calls started (a CDR row opened)");
    private static readonly Counter<long> Ended = Meter.CreateCounter<long>("pbx.calls.ended", "{call}", "calls ended, by CDR disposition");
    private static readonly UpDownCounter<long> Active = Meter.CreateUpDownCounter<long>("pbx.calls.active", "{call}", "calls between start and end on this silo");

    internal static void OnStarted()
    {
        Started.Add(1);
        Active.Add(1);
    }

    internal static void OnEnded(string disposition)
    {
        Ended.Add(1, new KeyValuePair<string, object?>("disposition", disposition));
        Active.Add(-1);
    }
}
