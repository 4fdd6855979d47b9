using System.Text.Json.Serialization;

namespace Pbx.Data.TimeConditions;

/// <summary>A stored time condition: when a company is open, which IVR menus and DIDs will route by.</summary>
public sealed record TimeCondition
{
    /// <summary>The zone of a condition that names none.</summary>
    public const string DefaultTimeZone = "Asia/Tashkent";

    public long Id { get; init; }

    public required string Name { get; init; }

    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>One of <see cref="TimeConditionOverride"/>.</summary>
    public string Override { get; init; } = TimeConditionOverride.None;

    public IReadOnlyList<WeeklyRange> WeeklyHours { get; init; } = [];

    public IReadOnlyList<HolidayRange> Holidays { get; init; } = [];

    public DateTime UpdatedAt { get; init; }

    /// <summary>The condition less its id and override, as create and update take it.</summary>
    [JsonIgnore]
    public TimeConditionSettings Settings => new(Name, TimeZone, WeeklyHours, Holidays);
}
