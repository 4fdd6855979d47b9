namespace Pbx.Data.TimeConditions;

/// <summary>
/// Open hours on one weekday: <paramref name="Day"/> (<c>monday</c>..<c>sunday</c>) from <paramref name="Start"/> to
/// <paramref name="End"/>, both <c>HH:mm</c> local to the condition's zone. An end before the start runs past midnight
/// into the next day (<c>22:00</c>-<c>06:00</c>); <c>24:00</c> ends at midnight.
/// </summary>
public sealed record WeeklyRange(string Day, string Start, string End);
