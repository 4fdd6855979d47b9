using System.Diagnostics.Metrics;

namespace Pbx.MediaNode.Rtp;

/// <summary>
/// Packet counters of a media node, published on the <c>Pbx.MediaNode</c> meter (dotnet-counters, OpenTelemetry) and readable
/// directly. Plain interlocked fields: counting must not allocate or lock on the packet path.
/// </summary>
public sealed class MediaCounters : IDisposable
{
    /// <summary>Name of the <see cref="Meter"/> the counters are published on.</summary>
    public const string MeterName = "Pbx.MediaNode";

    private readonly long[] _dropped = new long[Enum.GetValues<RtpDropReason>().Length];
    private readonly Meter _meter;
    private long _received;
    private long _forwarded;
    private long _generated;
    private long _rtcpReceived;
    private long _rtcpSent;

    /// <summary>Creates the counters and their meter instruments.</summary>
    public MediaCounters(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableCounter("pbx.media.rtp.received", () => Volatile.Read(ref _received), "{packet}", "RTP packets accepted");
        _meter.CreateObservableCounter("pbx.media.rtp.forwarded", () => Volatile.Read(ref _forwarded), "{packet}", "RTP packets relayed to a bridged leg");
        _meter.CreateObservableCounter("pbx.media.rtp.generated", () => Volatile.Read(ref _generated), "{packet}", "RTP packets of prompts, tones and mixes");
        _meter.CreateObservableCounter("pbx.media.rtcp.received", () => Volatile.Read(ref _rtcpReceived), "{packet}", "valid RTCP compound packets received");
        _meter.CreateObservableCounter("pbx.media.rtcp.sent", () => Volatile.Read(ref _rtcpSent), "{packet}", "RTCP compound packets sent");
        _meter.CreateObservableCounter("pbx.media.dropped", ObserveDropped, "{packet}", "datagrams discarded, by reason");
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

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveDropped()
    {
        foreach (var reason in Enum.GetValues<RtpDropReason>())
            yield return new Measurement<long>(Dropped(reason), new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
