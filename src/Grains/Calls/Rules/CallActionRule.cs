namespace Pbx.Grains.Calls.Rules;

/// <summary>An action asked of a call from outside (REST API, console).</summary>
public enum CallAction
{
    Hangup,
    Hold,
    Resume,
    Transfer,
    Deflect,
    StartRecording,
    StopRecording,
    SendDtmf,
}

/// <summary>The facts an action is judged on.</summary>
/// <param name="Phase">The call's phase.</param>
/// <param name="BothLegs">The caller's and the answering callee's dialogs are known.</param>
/// <param name="EdgeKnown">The call knows an edge to send its requests through.</param>
/// <param name="Held">The call is on hold.</param>
/// <param name="TransferInProgress">A transfer (or a click-to-call's first stage) is ringing.</param>
/// <param name="Originated">The PBX started the call (click-to-call).</param>
/// <param name="Recording">A recording runs.</param>
public readonly record struct CallActionFacts(
    CallPhase Phase, bool BothLegs, bool EdgeKnown, bool Held, bool TransferInProgress, bool Originated, bool Recording);

/// <summary>
/// Whether the call takes an action in its present state: <see cref="CallActionResult.NoSuchCall"/> when no call lives
/// here (the API answers 404), <see cref="CallActionResult.NotApplicable"/> when the call cannot do it now (409: hang-up
/// or hold while ringing, hold when held, a second transfer, deflect after the answer), <see cref="CallActionResult.Done"/>
/// when it may go ahead. What the action names (a target, digits, a party) is checked by the action itself.
/// </summary>
public static class CallActionRule
{
    public static CallActionResult Admit(CallAction action, CallActionFacts facts)
    {
        if (facts.Phase is CallPhase.None or CallPhase.Ended)
            return CallActionResult.NoSuchCall;
        return Applies(action, facts) ? CallActionResult.Done : CallActionResult.NotApplicable;
    }

    private static bool Applies(CallAction action, CallActionFacts facts)
    {
        var answered = facts.Phase == CallPhase.Answered;
        return action switch
        {
            // A ringing call's INVITE transaction is held by the edge serving it; ringing ends by CANCEL or the no-answer time.
            // A caller in a menu (the PBX answered it) has its own leg alone; the PBX's BYE ends it.
            CallAction.Hangup => answered,
            CallAction.Hold => answered && facts.BothLegs && facts.EdgeKnown && !facts.Held,
            CallAction.Resume => answered && facts.BothLegs && facts.EdgeKnown && facts.Held,
            CallAction.Transfer => answered && facts.BothLegs && facts.EdgeKnown && !facts.TransferInProgress,
            // Before anyone answers, and not a click-to-call (its caller is the PBX's own first leg).
            CallAction.Deflect => facts.Phase == CallPhase.Ringing && facts.EdgeKnown && !facts.TransferInProgress && !facts.Originated,
            CallAction.StartRecording => answered && facts.BothLegs && !facts.Recording,
            CallAction.StopRecording => facts.Recording,
            // Before the answer there is no media toward the callee, and early media toward the caller is the callee's to send.
            CallAction.SendDtmf => answered,
            _ => false,
        };
    }
}
