namespace Pbx.ApiHost.Apis.TimeConditions;

/// <summary>The day/night switch: <c>none</c> (the schedule decides), <c>force-open</c> or <c>force-closed</c>.</summary>
public sealed record OverrideRequest(string? Override);
