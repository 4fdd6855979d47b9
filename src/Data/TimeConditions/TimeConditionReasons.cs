namespace Pbx.Data.TimeConditions;

/// <summary>Why a time condition is open or closed.</summary>
public static class TimeConditionReasons
{
    /// <summary>The override forces it.</summary>
    public const string Override = "override";

    /// <summary>The local date is a holiday.</summary>
    public const string Holiday = "holiday";

    /// <summary>Inside the weekly hours.</summary>
    public const string Hours = "hours";

    /// <summary>Outside the weekly hours.</summary>
    public const string OutsideHours = "outside-hours";
}
