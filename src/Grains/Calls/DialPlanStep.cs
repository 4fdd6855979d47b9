using System.Text.Json.Serialization;

namespace Pbx.Grains.Calls;

/// <summary>One redirection the dial plan applied, as recorded in the CDR's history.</summary>
/// <param name="Kind">"forward-always", "forward-busy", "ivr"...</param>
/// <param name="From">The extension that forwarded; for "ivr", the menus the caller went through (main&gt;support).</param>
/// <param name="To">Where the call went.</param>
/// <param name="At">When.</param>
/// <param name="Trunk">The trunk a call from a trunk went back out through ("trunk-out" steps); left out of the JSON otherwise.</param>
/// <param name="Keys">The keys pressed in the menus ("ivr" steps); left out of the JSON otherwise.</param>
public sealed record DialPlanStep(string Kind, string From, string To, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trunk = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Keys = null);
