using NodaTime;
using NodaTime.Text;
using Pbx.Data.TimeConditions;

namespace Pbx.Data.Tests.TimeConditions;

/// <summary>
/// The time-condition rule as a caller hears it: open or closed at an instant (the clock is the instant the row gives), and
/// when that next changes. Instants are UTC; hours are local to the zone named per row.
/// </summary>
public sealed class TimeConditionScheduleTests
{
    private const string Tashkent = "Asia/Tashkent";
    private const string Berlin = "Europe/Berlin";
    private static readonly string[] Office = ["monday 09:00-18:00", "tuesday 09:00-18:00", "wednesday 09:00-18:00", "thursday 09:00-18:00", "friday 09:00-18:00"];
    private static readonly string[] Nights = ["friday 22:00-06:00", "sunday 22:00-06:00"];
    private static readonly string[] YearEnd = ["2026-12-31..2027-01-02", "2027-01-07"];

    public static TheoryData<string, string, string[], string[], string, string, bool, string, string?> Cases => new()
    {
        // what, zone, weekly hours, holidays, override, now (UTC), open, reason, next change (UTC)
        { "a Tuesday morning in the office", Tashkent, Office, [], "none", "2026-12-08T05:00:00Z", true, "hours", "2026-12-08T13:00:00Z" },
        { "a minute before opening", Tashkent, Office, [], "none", "2026-12-08T03:59:00Z", false, "outside-hours", "2026-12-08T04:00:00Z" },
        { "closing time is closed, until Monday", Tashkent, Office, [], "none", "2026-12-11T13:00:00Z", false, "outside-hours", "2026-12-14T04:00:00Z" },
        { "a Saturday", Tashkent, Office, [], "none", "2026-12-12T07:00:00Z", false, "outside-hours", "2026-12-14T04:00:00Z" },
        { "forced open on a Saturday", Tashkent, Office, [], "force-open", "2026-12-12T07:00:00Z", true, "override", null },
        { "forced closed in office hours", Tashkent, Office, [], "force-closed", "2026-12-08T05:00:00Z", false, "override", null },
        { "no hours at all never opens", Tashkent, [], [], "none", "2026-12-08T05:00:00Z", false, "outside-hours", null },
        { "Friday's night shift, Saturday 03:00", Tashkent, Nights, [], "none", "2026-12-11T22:00:00Z", true, "hours", "2026-12-12T01:00:00Z" },
        { "after Friday's night shift", Tashkent, Nights, [], "none", "2026-12-12T02:00:00Z", false, "outside-hours", "2026-12-13T17:00:00Z" },
        { "Sunday's night shift runs into Monday", Tashkent, Nights, [], "none", "2026-12-14T00:00:00Z", true, "hours", "2026-12-14T01:00:00Z" },
        { "open until midnight (24:00)", Tashkent, ["saturday 20:00-24:00"], [], "none", "2026-12-12T18:59:00Z", true, "hours", "2026-12-12T19:00:00Z" },
        { "New Year's Eve is a holiday to 2 January", Tashkent, Office, YearEnd, "none", "2026-12-31T05:00:00Z", false, "holiday", "2027-01-04T04:00:00Z" },
        { "the day before the holidays", Tashkent, Office, YearEnd, "none", "2026-12-30T12:00:00Z", true, "hours", "2026-12-30T13:00:00Z" },
        { "a one-day holiday", Tashkent, Office, YearEnd, "none", "2027-01-07T05:00:00Z", false, "holiday", "2027-01-08T04:00:00Z" },
        { "forced open beats a holiday", Tashkent, Office, YearEnd, "force-open", "2027-01-01T05:00:00Z", true, "override", null },
        // Europe/Berlin: CET (+1) to CEST (+2) on 29 March 2026 at 02:00, back on 25 October 2026 at 03:00.
        { "a range across the spring change lasts two real hours", Berlin, ["sunday 01:00-04:00"], [], "none", "2026-03-29T00:30:00Z", true, "hours", "2026-03-29T02:00:00Z" },
        { "a range starting in the skipped hour opens at the change", Berlin, ["sunday 02:30-05:00"], [], "none", "2026-03-29T00:30:00Z", false, "outside-hours", "2026-03-29T01:00:00Z" },
        { "the repeated autumn hour is open twice", Berlin, ["sunday 02:00-02:30"], [], "none", "2026-10-25T00:45:00Z", false, "outside-hours", "2026-10-25T01:00:00Z" },
        { "09:00 after the spring change is 07:00 UTC, not 08:00", Berlin, Office, [], "none", "2026-03-27T17:30:00Z", false, "outside-hours", "2026-03-30T07:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_state_and_its_next_change_are_as_a_caller_would_find_them(
        string what, string zone, string[] hours, string[] holidays, string @override, string now, bool open, string reason, string? next)
    {
        var schedule = Parse(zone, hours, holidays, @override, out var problems);
        problems.ShouldBeEmpty(what);

        var state = schedule!.StateAt(InstantPattern.General.Parse(now).Value);

        state.ShouldBe(new TimeConditionState(open, reason, next is null ? null : InstantPattern.General.Parse(next).Value), what);
    }

    public static TheoryData<string, string, string[], string[], string, string[]> Invalid => new()
    {
        { "an unknown zone", "Mars/Olympus", Office, [], "none", ["timeZone"] },
        { "hours past 24", Tashkent, ["monday 25:00-26:00"], [], "none", ["weeklyHours[0].start", "weeklyHours[0].end"] },
        { "a day that is none", Tashkent, ["funday 09:00-10:00"], [], "none", ["weeklyHours[0].day"] },
        { "a range of no length", Tashkent, ["monday 09:00-09:00"], [], "none", ["weeklyHours[0].end"] },
        { "two ranges that overlap", Tashkent, ["monday 09:00-12:00", "monday 11:00-13:00"], [], "none", ["weeklyHours[1]"] },
        { "a night shift into the next morning's hours", Tashkent, ["sunday 22:00-06:00", "monday 05:00-09:00"], [], "none", ["weeklyHours[1]"] },
        { "one long range over two short ones", Tashkent, ["monday 08:00-20:00", "monday 09:00-10:00", "monday 11:00-12:00"], [], "none", ["weeklyHours[1]", "weeklyHours[2]"] },
        { "a holiday ending before it starts", Tashkent, Office, ["2027-01-02..2026-12-31"], "none", ["holidays[0].end"] },
        { "a holiday that is no date", Tashkent, Office, ["2026-13-01"], "none", ["holidays[0].start"] },
        { "an override that is none of the three", Tashkent, Office, [], "maybe", ["override"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_malformed_condition_is_refused_naming_each_bad_field(string what, string zone, string[] hours, string[] holidays, string @override, string[] fields)
    {
        Parse(zone, hours, holidays, @override, out var problems).ShouldBeNull(what);

        problems.Select(p => p.Field).ShouldBe(fields, ignoreOrder: true, what);
    }

    [Fact]
    public void Ranges_that_only_touch_are_accepted()
    {
        Parse(Tashkent, ["monday 09:00-12:00", "monday 12:00-18:00", "monday 22:00-24:00", "tuesday 00:00-01:00"], [], "none", out var problems)
            .ShouldNotBeNull();
        problems.ShouldBeEmpty();
    }

    /// <summary>"monday 09:00-18:00" and "2026-12-31..2027-01-02" (or one date) as the API's records.</summary>
    private static TimeConditionSchedule? Parse(string zone, string[] hours, string[] holidays, string @override, out List<ScheduleProblem> problems)
    {
        problems = [];
        var weekly = hours.Select(h => h.Split(' ', '-')).Select(p => new WeeklyRange(p[0], p[1], p[2])).ToList();
        var days = holidays.Select(h => h.Split("..")).Select(p => new HolidayRange(p[0], p.Length > 1 ? p[1] : null)).ToList();
        return TimeConditionSchedule.Parse(new TimeConditionSettings("test", zone, weekly, days), @override, problems);
    }
}
