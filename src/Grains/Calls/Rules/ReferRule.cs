namespace Pbx.Grains.Calls.Rules;

/// <summary>The facts a REFER (RFC 3515) is judged on.</summary>
/// <param name="Phase">The call's phase.</param>
/// <param name="OnOneOfItsLegs">The REFER came on the caller's or the answering callee's dialog.</param>
/// <param name="CSeq">The REFER's CSeq.</param>
/// <param name="LastCSeq">The highest CSeq received on that dialog so far, if any.</param>
/// <param name="TransferInProgress">A transfer of this call is already under way.</param>
/// <param name="EdgeKnown">The call knows an edge to send the target's INVITE and the NOTIFYs through.</param>
/// <param name="PbxAnswered">The PBX itself is the caller's far end (a menu): there is no party to transfer.</param>
public readonly record struct ReferFacts(CallPhase Phase, bool OnOneOfItsLegs, uint CSeq, uint? LastCSeq, bool TransferInProgress, bool EdgeKnown,
    bool PbxAnswered = false);

/// <summary>
/// Whether the call takes a REFER, as the response it answers: 481 for a dialog it does not hold (RFC 3261 12.2.2), 500
/// for a CSeq lower than the last (12.2.2), 491 while another transfer runs (one at a time, as 14.2 does for offers), 403
/// from a caller in a menu (nobody to hand over), 503 while no edge is known, else 202 Accepted (RFC 3515 2.4.2).
/// </summary>
public static class ReferRule
{
    public static readonly CallerResponse Accepted = new(202, "Accepted", null);

    public static CallerResponse Decide(ReferFacts facts)
    {
        if (facts.Phase != CallPhase.Answered || !facts.OnOneOfItsLegs)
            return new CallerResponse(481, "Call/Transaction Does Not Exist", null);
        if (facts.LastCSeq is { } last && facts.CSeq < last)
            return new CallerResponse(500, "Server Internal Error", null);
        if (facts.TransferInProgress)
            return new CallerResponse(491, "Request Pending", null);
        if (facts.PbxAnswered)
            return new CallerResponse(403, "Forbidden", null);
        return facts.EdgeKnown ? Accepted : new CallerResponse(503, "Service Unavailable", null);
    }

    /// <summary>A REFER that is answered at all (not 481, not out of order) moves the dialog's remote CSeq on.</summary>
    public static bool AdvancesCSeq(CallerResponse answer) => answer.Status is not (481 or 500);
}
