using System.Text.Json.Serialization;

namespace Pbx.Grains.Calls;

/// <summary>One redirection the dial plan applied, as recorded in the CDR's history.</summary>
/// <param name="Kind">"forward-always" or "forward-busy".</param>
/// <param name="From">The extension that forwarded.</param>
/// <param name="To">Where the call went.</param>
/// <param name="At">When.</param>
/// <param name="Trunk">The trunk a call from a trunk went back out through ("trunk-out" steps); left out of the JSON otherwise.</param>
public sealed record DialPlanStep(string Kind, string From, string To, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trunk = null);
