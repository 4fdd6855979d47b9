namespace Pbx.Grains.Calls;

/// <summary>What the edge must do after reporting a fork's response or the caller's CANCEL.</summary>
/// <param name="Respond">Response to send to the caller's INVITE, if any.</param>
/// <param name="CancelForks">Forks still ringing to CANCEL (RFC 3261 9.1).</param>
/// <param name="Bye">Dialogs to end with BYE (a second fork that answered too late, RFC 3261 13.2.2.4).</param>
public sealed record CallInstruction(CallerResponse? Respond, IReadOnlyList<string> CancelForks, IReadOnlyList<DialogLeg> Bye)
{
    /// <summary>Nothing to do yet.</summary>
    public static CallInstruction None { get; } = new(null, [], []);
}
