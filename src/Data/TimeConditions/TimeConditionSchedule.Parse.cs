using NodaTime;
using NodaTime.Text;

namespace Pbx.Data.TimeConditions;

public sealed partial class TimeConditionSchedule
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private static readonly Dictionary<string, IsoDayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["monday"] = IsoDayOfWeek.Monday,
        ["tuesday"] = IsoDayOfWeek.Tuesday,
        ["wednesday"] = IsoDayOfWeek.Wednesday,
        ["thursday"] = IsoDayOfWeek.Thursday,
        ["friday"] = IsoDayOfWeek.Friday,
        ["saturday"] = IsoDayOfWeek.Saturday,
        ["sunday"] = IsoDayOfWeek.Sunday,
    };

    /// <summary>The weekday names <see cref="WeeklyRange.Day"/> takes, Monday first.</summary>
    public static IReadOnlyCollection<string> DayNames => Days.Keys;

    /// <summary>
    /// The schedule of <paramref name="settings"/> with <paramref name="override"/>, or null with every problem in
    /// <paramref name="problems"/>, each naming its field as the API's JSON does (<c>weeklyHours[1].end</c>).
    /// </summary>
    public static TimeConditionSchedule? Parse(TimeConditionSettings settings, string @override, List<ScheduleProblem> problems)
    {
        int before = problems.Count;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings.TimeZone ?? "");
        if (zone is null)
            problems.Add(new("timeZone", $"must be an IANA time zone id such as '{TimeCondition.DefaultTimeZone}' or 'Europe/Berlin'."));
        if (!TimeConditionOverride.All.Contains(@override))
            problems.Add(new("override", $"must be one of {string.Join(", ", TimeConditionOverride.All)}."));
        var open = ParseWeeklyHours(settings.WeeklyHours ?? [], problems);
        var holidays = ParseHolidays(settings.Holidays ?? [], problems);
        return problems.Count == before ? new TimeConditionSchedule(zone!, @override, open, holidays) : null;
    }

    /// <summary>The schedule of a stored condition, which was valid when written.</summary>
    public static TimeConditionSchedule Of(TimeCondition condition)
    {
        var problems = new List<ScheduleProblem>();
        return Parse(condition.Settings, condition.Override, problems)
            ?? throw new InvalidOperationException($"Time condition {condition.Id} is stored invalid: {string.Join("; ", problems)}");
    }

    private static List<(long Start, long End)> ParseWeeklyHours(IReadOnlyList<WeeklyRange> ranges, List<ScheduleProblem> problems)
    {
        var open = new List<(long Start, long End, int Index)>();
        for (int i = 0; i < ranges.Count; i++)
        {
            var field = $"weeklyHours[{i}]";
            var range = ranges[i];
            if (range is null)
            {
                problems.Add(new(field, "is required: { day, start, end }."));
                continue;
            }
            bool dayKnown = Days.TryGetValue(range.Day ?? "", out var day);
            if (!dayKnown)
                problems.Add(new($"{field}.day", $"must be one of {string.Join(", ", Days.Keys)}."));
            var start = TimePattern.Parse(range.Start ?? "");
            if (!start.Success)
                problems.Add(new($"{field}.start", "must be a time of day as HH:mm (00:00 to 23:59)."));
            // 24:00 is the end of the day, which LocalTime cannot hold.
            var end = range.End == "24:00" ? ParseResult<LocalTime>.ForValue(LocalTime.Midnight) : TimePattern.Parse(range.End ?? "");
            if (!end.Success)
                problems.Add(new($"{field}.end", "must be a time of day as HH:mm (00:00 to 24:00)."));
            if (!dayKnown || !start.Success || !end.Success)
                continue;
            if (start.Value == end.Value && range.End != "24:00")
            {
                problems.Add(new($"{field}.end", "must differ from start (an end before the start runs past midnight)."));
                continue;
            }
            long from = ((int)day - 1) * NodaConstants.TicksPerDay + start.Value.TickOfDay;
            long length = (end.Value.TickOfDay - start.Value.TickOfDay + NodaConstants.TicksPerDay) % NodaConstants.TicksPerDay;
            long to = from + (length == 0 ? NodaConstants.TicksPerDay : length);
            // Sunday night past midnight continues on Monday morning, the start of the week.
            if (to > TicksPerWeek)
            {
                open.Add((from, TicksPerWeek, i));
                open.Add((0, to - TicksPerWeek, i));
            }
            else
            {
                open.Add((from, to, i));
            }
        }
        open.Sort((a, b) => a.Start.CompareTo(b.Start));
        // Against the range reaching furthest so far, so a long range overlapping several short ones is caught with each.
        var reach = (End: long.MinValue, Index: -1);
        foreach (var range in open)
        {
            if (range.Start < reach.End && range.Index != reach.Index)
            {
                var (first, second) = (Math.Min(reach.Index, range.Index), Math.Max(reach.Index, range.Index));
                problems.Add(new($"weeklyHours[{second}]", $"overlaps weeklyHours[{first}] ({Describe(ranges[first])})."));
            }
            if (range.End > reach.End)
                reach = (range.End, range.Index);
        }
        return [.. open.Select(r => (r.Start, r.End))];
    }

    private static List<(LocalDate First, LocalDate Last)> ParseHolidays(IReadOnlyList<HolidayRange> holidays, List<ScheduleProblem> problems)
    {
        var parsed = new List<(LocalDate, LocalDate)>();
        for (int i = 0; i < holidays.Count; i++)
        {
            var field = $"holidays[{i}]";
            if (holidays[i] is not { } holiday)
            {
                problems.Add(new(field, "is required: { start, end, name }."));
                continue;
            }
            var start = DatePattern.Parse(holiday.Start ?? "");
            var end = holiday.End is null ? start : DatePattern.Parse(holiday.End);
            if (!start.Success)
                problems.Add(new($"{field}.start", "is required: a date as yyyy-MM-dd."));
            if (!end.Success && holiday.End is not null)
                problems.Add(new($"{field}.end", "must be a date as yyyy-MM-dd."));
            if (!start.Success || !end.Success)
                continue;
            if (end.Value < start.Value)
                problems.Add(new($"{field}.end", $"must not be before start ({holiday.Start})."));
            else if (holiday.Name is { Length: > 100 })
                problems.Add(new($"{field}.name", "must be at most 100 characters."));
            else
                parsed.Add((start.Value, end.Value));
        }
        return parsed;
    }

    private static string Describe(WeeklyRange range) => $"{range.Day} {range.Start}-{range.End}";
}
