namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>Whether PostgreSQL answered a <c>select 1</c>, and in how many milliseconds.</summary>
public sealed record DatabaseStatus(bool Reachable, double? LatencyMs);
