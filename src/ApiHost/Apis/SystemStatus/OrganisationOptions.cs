namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>Section <c>Console</c>: settings of the organisation that every console user sees the same.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The organisation's time zone as an IANA id (<c>Asia/Tashkent</c>): the console shows times in it. Read from the
    /// system's tz database (<c>/usr/share/zoneinfo</c>, Debian's <c>tzdata</c>), which works with InvariantGlobalization.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Tashkent";
}
