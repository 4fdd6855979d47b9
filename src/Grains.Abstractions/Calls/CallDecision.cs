using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>What the dial plan decided for a new call: answer it now (a refusal, or the PBX's own 200), or ring these contacts.</summary>
/// <param name="Final">
/// The final response for the caller: a refusal when the call cannot proceed (404, 480, 486, 503), or a 200 with the
/// media anchor's SDP when the PBX answers the call itself (an IVR menu); null to ring.
/// </param>
/// <param name="Forks">Contacts to INVITE in parallel.</param>
/// <param name="NoAnswerTimeout">How long the forks may ring before they are cancelled and the caller gets 480.</param>
[GenerateSerializer, Immutable]
public sealed record CallDecision(CallerResponse? Final, IReadOnlyList<ForkTarget> Forks, TimeSpan NoAnswerTimeout)
{
    /// <summary>A refusal with this status.</summary>
    public static CallDecision Refuse(int status, string reason) => new(new CallerResponse(status, reason, null), [], TimeSpan.Zero);

    /// <summary>The PBX answers the call itself with <paramref name="answer"/> (a 200 with SDP).</summary>
    public static CallDecision Answer(CallerResponse answer) => new(answer, [], TimeSpan.Zero);
}
