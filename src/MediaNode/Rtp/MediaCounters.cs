using System.Diagnostics.Metrics;

namespace Pbx.MediaNode.Rtp;

/// <summary>
/// Packet counters of a media node, readable directly and published on the <c>Pbx.MediaNode</c> meter (dotnet-counters,
/// OpenTelemetry) as the sum over the process's live nodes: one set of instruments per process, as Prometheus expects one
/// series per name, however many engines a process runs (a test host, a benchmark). Plain interlocked fields: counting
/// must not allocate or lock on the packet path.
/// </summary>
public sealed class MediaCounters : IDisposable
{
    /// <summary>Name of the <see cref="Meter"/> the counters are published on.</summary>
    public const string MeterName = "Pbx.MediaNode";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Lock LiveLock = new();
    private static readonly List<MediaCounters> Live = [];

    private readonly long[] _dropped = new long[Enum.GetValues<RtpDropReason>().Length];
    private long _received;
    private long _forwarded;
    private long _generated;
    private long _rtcpReceived;
    private long _rtcpSent;

    static MediaCounters()
    {
        Meter.CreateObservableCounter("pbx.media.rtp.received", () => Sum(c => c.Received), "{packet}", "RTP packets accepted");
        Meter.CreateObservableCounter("pbx.media.rtp.forwarded", () => Sum(c => c.Forwarded), "{packet}", "RTP packets relayed to a bridged leg");
        Meter.CreateObservableCounter("pbx.media.rtp.generated", () => Sum(c => c.Generated), "{packet}", "RTP packets of prompts, tones and mixes");
        Meter.CreateObservableCounter("pbx.media.rtcp.received", () => Sum(c => c.RtcpReceived), "{packet}", "valid RTCP compound packets received");
        Meter.CreateObservableCounter("pbx.media.rtcp.sent", () => Sum(c => c.RtcpSent), "{packet}", "RTCP compound packets sent");
        Meter.CreateObservableCounter("pbx.media.dropped", ObserveDropped, "{packet}", "datagrams discarded, by reason");
    }

    /// <summary>Creates the counters of one node; they count towards the process's instruments until disposed.</summary>
    public MediaCounters()
    {
        lock (LiveLock)
            Live.Add(this);
    }

    /// <summary>RTP packets accepted on any endpoint.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>RTP packets relayed to a bridged leg.</summary>
    public long Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>RTP packets sent from generated audio.</summary>
    public long Generated => Volatile.Read(ref _generated);

    /// <summary>Valid RTCP packets received.</summary>
    public long RtcpReceived => Volatile.Read(ref _rtcpReceived);

    /// <summary>RTCP packets sent.</summary>
    public long RtcpSent => Volatile.Read(ref _rtcpSent);

    /// <summary>Datagrams dropped for <paramref name="reason"/>.</summary>
    public long Dropped(RtpDropReason reason) => Volatile.Read(ref _dropped[(int)reason]);

    internal void OnReceived() => Interlocked.Increment(ref _received);

    internal void OnForwarded() => Interlocked.Increment(ref _forwarded);

    internal void OnGenerated() => Interlocked.Increment(ref _generated);

    internal void OnRtcpReceived() => Interlocked.Increment(ref _rtcpReceived);

    internal void OnRtcpSent() => Interlocked.Increment(ref _rtcpSent);

    internal void OnDropped(RtpDropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    /// <summary>The node's counts leave the process's totals (its endpoints are gone).</summary>
    public void Dispose()
    {
        lock (LiveLock)
            Live.Remove(this);
    }

    private static long Sum(Func<MediaCounters, long> count)
    {
        lock (LiveLock)
            return Live.Sum(count);
    }

    private static IEnumerable<Measurement<long>> ObserveDropped()
    {
        foreach (var reason in Enum.GetValues<RtpDropReason>())
            yield return new Measurement<long>(Sum(c => c.Dropped(reason)), new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
