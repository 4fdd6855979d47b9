namespace Pbx.Grains.Calls.Rules;

/// <summary>Which side of an answered call leaves it when it is transferred.</summary>
public enum LeavingParty
{
    /// <summary>The transfer does not apply: the transferor is neither party, or the dialog named is not this call's.</summary>
    None,

    /// <summary>The caller's leg leaves; the callee stays.</summary>
    Caller,

    /// <summary>The callee's leg leaves; the caller stays.</summary>
    Callee,
}

/// <summary>
/// Who leaves a call being transferred: the transferor named by the API (by number), or the dialog an attended transfer's
/// Replaces names (RFC 3891), which must be one of this call's two legs with both tags.
/// </summary>
public static class TransferPartyRule
{
    /// <summary>
    /// A transfer asked from the API: no transferor means the callee leaves (the <c>ICallGrain</c> contract), else the
    /// party whose number it is; the callee answers to the extension that was rung (after forwarding), not the dialled number.
    /// </summary>
    public static LeavingParty ByTransferor(string? transferor, string caller, string ringing)
    {
        if (transferor is null || transferor == ringing)
            return LeavingParty.Callee;
        return transferor == caller ? LeavingParty.Caller : LeavingParty.None;
    }

    /// <summary>
    /// An attended transfer's Replaces (RFC 3891 section 3): the Call-ID and both tags must name one of the call's legs,
    /// in either order, as the transferor may have been the UAC or the UAS of that dialog. Only an answered call with no
    /// transfer of its own running hands a leg over.
    /// </summary>
    public static LeavingParty ByReplaces(ReplacesDialog replaced, CallPhase phase, bool transferRunning, DialogLeg? caller, DialogLeg? callee)
    {
        if (phase != CallPhase.Answered || transferRunning || caller is null || callee is null)
            return LeavingParty.None;
        if (Names(caller, replaced))
            return LeavingParty.Caller;
        return Names(callee, replaced) ? LeavingParty.Callee : LeavingParty.None;
    }

    private static bool Names(DialogLeg leg, ReplacesDialog replaced) =>
        leg.CallId == replaced.CallId
        && ((leg.LocalTag == replaced.ToTag && leg.RemoteTag == replaced.FromTag) || (leg.LocalTag == replaced.FromTag && leg.RemoteTag == replaced.ToTag));
}
