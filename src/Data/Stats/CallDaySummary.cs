namespace Pbx.Data.Stats;

/// <summary>The calls started on one UTC day: how many ended each way ("in-progress" while open), and their mean length.</summary>
public sealed record CallDaySummary(IReadOnlyDictionary<string, int> ByDisposition, double AverageDurationSeconds);
