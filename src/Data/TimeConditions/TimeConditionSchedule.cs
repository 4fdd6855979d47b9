using NodaTime;

namespace Pbx.Data.TimeConditions;

/// <summary>
/// The rule of a time condition, pure: given an instant, open or closed, and when that next changes. Hours and dates are
/// local to the condition's zone, so a 09:00 opening stays 09:00 across a daylight-saving change; an hour that a change
/// skips is never open, one it repeats is open or closed each time as its local time says. Order of precedence: the
/// override, then holidays (closed the whole local date), then the weekly hours. Built by <see cref="Parse"/>.
/// </summary>
public sealed partial class TimeConditionSchedule
{
    /// <summary>How far <see cref="StateAt"/> looks for the next change: past it, <see cref="TimeConditionState.NextChange"/> is null.</summary>
    public static readonly Duration Horizon = Duration.FromDays(400);

    private static readonly long TicksPerWeek = 7 * NodaConstants.TicksPerDay;

    private readonly DateTimeZone _zone;
    private readonly string _override;
    private readonly IReadOnlyList<(long Start, long End)> _openTicksOfWeek;
    private readonly IReadOnlyList<(LocalDate First, LocalDate Last)> _holidays;
    private readonly IReadOnlyList<LocalTime> _boundaries;

    private TimeConditionSchedule(
        DateTimeZone zone, string @override, IReadOnlyList<(long Start, long End)> openTicksOfWeek, IReadOnlyList<(LocalDate First, LocalDate Last)> holidays)
    {
        _zone = zone;
        _override = @override;
        _openTicksOfWeek = openTicksOfWeek;
        _holidays = holidays;
        // Where the state can change within a local day: midnight (holidays) and every range's start and end.
        _boundaries = [.. openTicksOfWeek.SelectMany(r => new[] { r.Start, r.End }).Select(TimeOfDay).Append(LocalTime.Midnight).Distinct().Order()];
    }

    /// <summary>Open or closed at <paramref name="now"/>, and when that next changes.</summary>
    public TimeConditionState StateAt(Instant now)
    {
        var (open, reason) = Evaluate(now);
        return new TimeConditionState(open, reason, reason == TimeConditionReasons.Override ? null : NextChange(now, open));
    }

    private (bool Open, string Reason) Evaluate(Instant instant)
    {
        if (_override != TimeConditionOverride.None)
            return (_override == TimeConditionOverride.ForceOpen, TimeConditionReasons.Override);
        var local = instant.InZone(_zone).LocalDateTime;
        foreach (var (first, last) in _holidays)
        {
            if (local.Date >= first && local.Date <= last)
                return (false, TimeConditionReasons.Holiday);
        }
        long tick = TickOfWeek(local);
        foreach (var (start, end) in _openTicksOfWeek)
        {
            if (tick >= start && tick < end)
                return (true, TimeConditionReasons.Hours);
        }
        return (false, TimeConditionReasons.OutsideHours);
    }

    /// <summary>
    /// The first instant after <paramref name="now"/> whose state differs: the state is constant between local boundaries
    /// (<see cref="_boundaries"/> of each day) and the zone's offset changes, so only those need trying.
    /// </summary>
    private Instant? NextChange(Instant now, bool open)
    {
        var end = now + Horizon;
        var candidates = new SortedSet<Instant>();
        for (var date = now.InZone(_zone).Date; _zone.AtStartOfDay(date).ToInstant() <= end; date = date.PlusDays(1))
        {
            foreach (var time in _boundaries)
                candidates.Add((date + time).InZoneLeniently(_zone).ToInstant());
        }
        for (var interval = _zone.GetZoneInterval(now); interval.HasEnd && interval.End <= end; interval = _zone.GetZoneInterval(interval.End))
            candidates.Add(interval.End);
        foreach (var candidate in candidates.GetViewBetween(now + Duration.Epsilon, end))
        {
            if (Evaluate(candidate).Open != open)
                return candidate;
        }
        return null;
    }

    /// <summary>Ticks since Monday 00:00 of <paramref name="local"/>'s week.</summary>
    private static long TickOfWeek(LocalDateTime local) => ((int)local.DayOfWeek - 1) * NodaConstants.TicksPerDay + local.TimeOfDay.TickOfDay;

    private static LocalTime TimeOfDay(long tickOfWeek) => LocalTime.FromTicksSinceMidnight(tickOfWeek % NodaConstants.TicksPerDay);
}
