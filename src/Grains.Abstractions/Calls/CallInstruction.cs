using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>What the edge must do after reporting a fork's response or the caller's CANCEL.</summary>
/// <param name="Respond">Response to send to the caller's INVITE, if any.</param>
/// <param name="CancelForks">Forks still ringing to CANCEL (RFC 3261 9.1).</param>
/// <param name="Bye">Dialogs to end with BYE (a second fork that answered too late, RFC 3261 13.2.2.4).</param>
/// <param name="Forks">New contacts to ring (call forwarding on busy or no answer); empty otherwise.</param>
/// <param name="NoAnswerTimeout">How long the new forks may ring; ignored without new forks.</param>
[GenerateSerializer, Immutable]
public sealed record CallInstruction(CallerResponse? Respond, IReadOnlyList<string> CancelForks, IReadOnlyList<DialogLeg> Bye,
    IReadOnlyList<ForkTarget> Forks, TimeSpan NoAnswerTimeout)
{
    /// <summary>Nothing to do yet.</summary>
    public static CallInstruction None { get; } = new(null, [], [], [], TimeSpan.Zero);

    /// <summary>Answer the caller and cancel or end forks, ringing nothing new.</summary>
    public static CallInstruction Act(CallerResponse? respond, IReadOnlyList<string> cancelForks, IReadOnlyList<DialogLeg> bye) =>
        new(respond, cancelForks, bye, [], TimeSpan.Zero);
}
