using NodaTime;

namespace Pbx.Data.TimeConditions;

/// <summary>Open or closed at an instant, why, and when that next changes (null: forced, or no change within the horizon).</summary>
/// <param name="Reason">One of <see cref="TimeConditionReasons"/>.</param>
public sealed record TimeConditionState(bool Open, string Reason, Instant? NextChange);
