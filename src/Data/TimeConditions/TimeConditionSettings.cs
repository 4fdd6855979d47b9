namespace Pbx.Data.TimeConditions;

/// <summary>What an administrator sets on a time condition (the override is switched apart, by operators too).</summary>
/// <param name="TimeZone">IANA zone id the hours and dates are local to.</param>
public sealed record TimeConditionSettings(string Name, string TimeZone, IReadOnlyList<WeeklyRange> WeeklyHours, IReadOnlyList<HolidayRange> Holidays);
