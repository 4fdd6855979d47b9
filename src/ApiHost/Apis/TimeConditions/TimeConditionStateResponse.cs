namespace Pbx.ApiHost.Apis.TimeConditions;

/// <summary>Open or closed at <paramref name="At"/>, why (<c>override</c>, <c>holiday</c>, <c>hours</c>, <c>outside-hours</c>), and when that next changes.</summary>
/// <param name="NextChange">Null when the override holds it, or nothing changes within 400 days.</param>
public sealed record TimeConditionStateResponse(long Id, bool Open, string Reason, string Override, DateTimeOffset At, DateTimeOffset? NextChange);
