using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>What the dial plan decided for a new call: refuse it now, or ring these contacts.</summary>
/// <param name="Refusal">The final response for the caller when the call cannot proceed (404, 480, 486, 503); null to ring.</param>
/// <param name="Forks">Contacts to INVITE in parallel.</param>
/// <param name="NoAnswerTimeout">How long the forks may ring before they are cancelled and the caller gets 480.</param>
[GenerateSerializer, Immutable]
public sealed record CallDecision(CallerResponse? Refusal, IReadOnlyList<ForkTarget> Forks, TimeSpan NoAnswerTimeout)
{
    /// <summary>A refusal with this status.</summary>
    public static CallDecision Refuse(int status, string reason) => new(new CallerResponse(status, reason, null), [], TimeSpan.Zero);
}
