namespace Pbx.Data.TimeConditions;

/// <summary>What is wrong with one field of a time condition (<c>weeklyHours[2].end</c>), for a 400 naming it.</summary>
public sealed record ScheduleProblem(string Field, string Reason);
