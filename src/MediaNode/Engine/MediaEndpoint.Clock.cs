using Pbx.Grains.Media;
using Pbx.MediaNode.Rtcp;

namespace Pbx.MediaNode.Engine;

/// <summary>Work the shared 20 ms media clock does for a leg: RTCP reports and the media timeout.</summary>
internal sealed partial class MediaEndpoint
{
    /// <summary>Clock ticks between RTCP reports: 5 s, the minimum interval of RFC 3550 section 6.2.</summary>
    public const int RtcpIntervalTicks = 250;

    /// <summary>Clock ticks between media timeout checks: once a second is precise enough for a timeout of seconds.</summary>
    public const int TimeoutCheckTicks = 50;

    /// <summary>
    /// Called by the media clock once a second, on the ticks where (tick + <see cref="Serial"/>) is a multiple of
    /// <see cref="TimeoutCheckTicks"/>: the clock wheel spreads the legs over the second.
    /// </summary>
    public void OnSecondTick(long tick)
    {
        // Spread legs over the interval so thousands of reports do not leave in the same tick.
        if ((tick + Serial) % RtcpIntervalTicks == 0)
            SendReport();
        CheckTimeout();
    }

    private void SendReport()
    {
        if (_rtcpTarget is not { } target || _media is null)
            return;
        var lsrAt = Volatile.Read(ref _lastSenderReportAt);
        var lsr = Volatile.Read(ref _lastSenderReport);
        // DLSR in units of 1/65536 s (RFC 3550 section 6.4.1), 0 when no SR was received.
        var dlsr = lsr == 0 ? 0u : (uint)(_time.GetElapsedTime(lsrAt).TotalSeconds * 65536);
        // Created on the first report: a call shorter than the 5 s interval never sends one.
        var buffer = _reportBuffer ??= new byte[RtcpReport.MaxSize];
        var length = RtcpReport.Write(buffer, SendStream, _received, _time.GetUtcNow(), lsr, dlsr, _engine.Cname);
        Send(Ports.Rtcp, buffer.AsSpan(0, length), target);
        _counters.OnRtcpSent();
    }

    private void CheckTimeout()
    {
        var media = _media;
        // A leg that is not supposed to receive (hold, inactive) or has no remote yet is not dead for being silent.
        if (_timeoutReported || media is null || !media.Receives || media.Remote is null && _latched is null)
            return;
        var silence = _time.GetElapsedTime(Volatile.Read(ref _lastReceivedAt));
        if (silence < _engine.Options.MediaTimeout)
            return;
        _timeoutReported = true;
        LogMediaTimeout(Id, CallId, silence);
        Notify(events => events.OnMediaTimeoutAsync(new MediaTimedOut(Id, silence)));
    }
}
