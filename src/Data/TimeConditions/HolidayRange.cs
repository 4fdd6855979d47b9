namespace Pbx.Data.TimeConditions;

/// <summary>Closed all day from <paramref name="Start"/> to <paramref name="End"/> (<c>yyyy-MM-dd</c>, both included; no end is one day).</summary>
public sealed record HolidayRange(string Start, string? End = null, string? Name = null);
