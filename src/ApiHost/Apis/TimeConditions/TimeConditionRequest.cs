using Pbx.Data.TimeConditions;

namespace Pbx.ApiHost.Apis.TimeConditions;

/// <summary>The body of create and update: the whole condition but its override. <c>timeZone</c> defaults to <c>Asia/Tashkent</c>.</summary>
public sealed record TimeConditionRequest(string? Name, string? TimeZone, IReadOnlyList<WeeklyRange>? WeeklyHours, IReadOnlyList<HolidayRange>? Holidays)
{
    public TimeConditionSettings ToSettings() =>
        new(Name?.Trim() ?? "", string.IsNullOrWhiteSpace(TimeZone) ? TimeCondition.DefaultTimeZone : TimeZone.Trim(), WeeklyHours ?? [], Holidays ?? []);
}
