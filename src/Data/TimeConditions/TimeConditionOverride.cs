namespace Pbx.Data.TimeConditions;

/// <summary>The day/night switch (<c>time_conditions.override</c>): the schedule decides, or a person has decided.</summary>
public static class TimeConditionOverride
{
    public const string None = "none";

    public const string ForceOpen = "force-open";

    public const string ForceClosed = "force-closed";

    public static readonly IReadOnlyList<string> All = [None, ForceOpen, ForceClosed];
}
