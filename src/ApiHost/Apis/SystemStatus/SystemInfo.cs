namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>What the console needs before and after sign-in to show the organisation's times and offer its languages.</summary>
/// <param name="TimeZone">The organisation's IANA time zone (<c>Console:TimeZone</c>).</param>
/// <param name="UtcOffsetMinutes">Its offset from UTC now, in minutes (300 for Asia/Tashkent).</param>
/// <param name="Languages">The console languages a user may choose.</param>
/// <param name="RecordingRetentionDays">Days recordings are kept (<c>Media:RecordingRetentionDays</c>); 0 keeps them until deleted.</param>
public sealed record SystemInfo(string TimeZone, int UtcOffsetMinutes, IReadOnlyList<string> Languages, int RecordingRetentionDays);
