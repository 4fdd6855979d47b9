namespace Pbx.Grains.Organisation;

/// <summary>
/// Section <c>Console</c>: settings of the organisation, the same for every console user and for the rules that count by
/// the organisation's day (outbound call budgets).
/// </summary>
public sealed class OrganisationOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The organisation's time zone as an IANA id (<c>Asia/Tashkent</c>): the console shows times in it and daily budgets
    /// start at its midnight. Read from the
    /// system's tz database (<c>/usr/share/zoneinfo</c>, Debian's <c>tzdata</c>), which works with InvariantGlobalization.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Tashkent";

    /// <summary>The time zone <see cref="TimeZone"/> names (checked at start-up by <see cref="OrganisationOptionsValidator"/>).</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
