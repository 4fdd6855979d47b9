namespace Pbx.Grains.Trunks;

/// <summary>
/// One extension's calls through trunks as its <see cref="OutboundLimits"/> count them: the calls up now, the start times
/// of the last hour (a sliding window, so 60 calls at 10:59 still count at 11:01), and the talk seconds of the current
/// day. Pure: the grain feeds it the clock and the day's start in the organisation's time zone.
/// </summary>
public sealed class OutboundUsage
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _starts = new();
    private DateTimeOffset _dayStart;
    private long _talkSeconds;

    /// <summary>Usage as the CDRs hold it: <paramref name="starts"/> in the last hour, calls still up, talk seconds since <paramref name="dayStart"/>.</summary>
    public OutboundUsage(IEnumerable<DateTimeOffset> starts, IEnumerable<string> openCalls, long talkSecondsToday, DateTimeOffset dayStart)
    {
        foreach (var start in starts.Order())
            _starts.Enqueue(start);
        _open.UnionWith(openCalls);
        _talkSeconds = talkSecondsToday;
        _dayStart = dayStart;
    }

    /// <summary>Outbound calls up now.</summary>
    public int OpenCalls => _open.Count;

    /// <summary>
    /// Whether call <paramref name="callId"/> may go out at <paramref name="now"/> (the day having begun at
    /// <paramref name="dayStart"/>): <see cref="OutboundLimitHit.None"/> counts it; anything else names the limit it
    /// breaks and counts nothing. A call already counted is let through again (a forward or transfer of the same call).
    /// </summary>
    public OutboundLimitHit TryStart(string callId, OutboundLimits limits, DateTimeOffset now, DateTimeOffset dayStart)
    {
        if (_open.Contains(callId))
            return OutboundLimitHit.None;
        Advance(now, dayStart);
        if (limits.Concurrent > 0 && _open.Count >= limits.Concurrent)
            return OutboundLimitHit.Concurrent;
        if (limits.PerHour > 0 && _starts.Count >= limits.PerHour)
            return OutboundLimitHit.PerHour;
        if (limits.MinutesPerDay > 0 && _talkSeconds >= limits.MinutesPerDay * 60L)
            return OutboundLimitHit.MinutesPerDay;
        _open.Add(callId);
        _starts.Enqueue(now);
        return OutboundLimitHit.None;
    }

    /// <summary>Call <paramref name="callId"/> ended after <paramref name="talkSeconds"/> of talk; a call never counted changes nothing.</summary>
    public void End(string callId, long talkSeconds, DateTimeOffset now, DateTimeOffset dayStart)
    {
        if (!_open.Remove(callId))
            return;
        Advance(now, dayStart);
        _talkSeconds += Math.Max(0, talkSeconds);
    }

    private void Advance(DateTimeOffset now, DateTimeOffset dayStart)
    {
        while (_starts.Count > 0 && _starts.Peek() <= now - Hour)
            _starts.Dequeue();
        if (dayStart > _dayStart)
        {
            // A new day: yesterday's talk time no longer counts.
            _dayStart = dayStart;
            _talkSeconds = 0;
        }
    }
}
