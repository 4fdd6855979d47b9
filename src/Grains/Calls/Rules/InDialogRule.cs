namespace Pbx.Grains.Calls.Rules;

/// <summary>Which of the call's dialogs a request came on.</summary>
public enum DialogSide
{
    /// <summary>A dialog the call does not hold (a fork that lost, a stray or forged request).</summary>
    Unknown,

    /// <summary>The caller's dialog.</summary>
    Caller,

    /// <summary>The answering callee's dialog.</summary>
    Callee,

    /// <summary>The early dialog of a fork still ringing.</summary>
    RingingFork,
}

/// <summary>What a request inside one of the call's dialogs does (<see cref="InDialogRule.Decide"/>).</summary>
public enum InDialogStep
{
    /// <summary>481: the call holds no such dialog, or none in this phase (RFC 3261 12.2.2).</summary>
    NoSuchDialog,

    /// <summary>500: the CSeq is lower than the last one received on the dialog (RFC 3261 12.2.2).</summary>
    OutOfOrder,

    /// <summary>
    /// 491: an offer while the offer the call forwarded from the other side still awaits its answer. The other leg has our
    /// re-INVITE outstanding, so this is glare on it (RFC 3261 14.2, RFC 3311 5.2), answered before anything changes.
    /// </summary>
    Glare,

    /// <summary>The caller of a click-to-call hung up while its callee still rings: the call ends, the forks are cancelled.</summary>
    OriginatorHungUp,

    /// <summary>An UPDATE in an early dialog: the sender's leg alone is re-anchored (RFC 3311 5.2).</summary>
    EarlyUpdate,

    /// <summary>BYE from the party leaving a blind transfer: it leaves, the call goes on with the target.</summary>
    TransferorLeft,

    /// <summary>BYE: the call ends, the other party gets BYE.</summary>
    Bye,

    /// <summary>A re-INVITE or UPDATE without an offer (a session refresh, RFC 4028): answered here with the current view.</summary>
    Refresh,

    /// <summary>A re-INVITE or UPDATE with an offer: answered on its own leg, a new offer forwarded to the other leg.</summary>
    Reoffer,

    /// <summary>BYE from a caller the PBX answered itself (a menu): the call ends, with no other party to tell.</summary>
    ByeToPbx,

    /// <summary>A re-INVITE or UPDATE with an offer from a caller the PBX answered itself: answered from its own endpoint.</summary>
    ReofferToPbx,
}

/// <summary>The facts a request inside the call's dialogs is judged on.</summary>
/// <param name="Phase">The call's phase.</param>
/// <param name="Originated">The PBX set the caller's dialog up itself (click-to-call).</param>
/// <param name="Method">The request's method.</param>
/// <param name="Side">The dialog it came on.</param>
/// <param name="CSeq">Its CSeq.</param>
/// <param name="LastCSeq">The highest CSeq received on that dialog so far, if any.</param>
/// <param name="HasOffer">It carries SDP.</param>
/// <param name="LeavesBlindTransfer">It came on the dialog of the party a blind transfer in progress is taking out.</param>
/// <param name="OfferFromOtherSidePending">An offer the call forwarded from the other party still awaits its answer.</param>
/// <param name="PbxAnswered">The PBX itself is the caller's far end (a menu answered the call; no callee's dialog yet).</param>
public readonly record struct InDialogFacts(
    CallPhase Phase, bool Originated, string Method, DialogSide Side, uint CSeq, uint? LastCSeq, bool HasOffer,
    bool LeavesBlindTransfer, bool OfferFromOtherSidePending, bool PbxAnswered = false);

/// <summary>
/// The B2BUA's rule for requests inside its dialogs (RFC 3261 12.2.2, 14; RFC 3311; RFC 4028): while ringing only the
/// click-to-call originator's BYE and early UPDATEs are taken; once answered requests must come in CSeq order on one of the
/// two legs, an offer crossing one in flight from the other side is glare, and everything else ends, refreshes or
/// re-anchors the session; while the PBX itself is the caller's far end (a menu), it answers alone.
/// </summary>
public static class InDialogRule
{
    public static InDialogStep Decide(InDialogFacts facts)
    {
        if (facts.Phase == CallPhase.Ringing)
            return Ringing(facts);
        if (facts.Phase != CallPhase.Answered || facts.Side is not (DialogSide.Caller or DialogSide.Callee))
            return InDialogStep.NoSuchDialog;
        if (facts.LastCSeq is { } last && facts.CSeq < last)
            return InDialogStep.OutOfOrder;
        if (facts.PbxAnswered)
            return facts.Method == "BYE" ? InDialogStep.ByeToPbx : facts.HasOffer ? InDialogStep.ReofferToPbx : InDialogStep.Refresh;
        if (facts.Method == "BYE")
            return facts.LeavesBlindTransfer ? InDialogStep.TransferorLeft : InDialogStep.Bye;
        if (!facts.HasOffer)
            return InDialogStep.Refresh;
        return facts.OfferFromOtherSidePending ? InDialogStep.Glare : InDialogStep.Reoffer;
    }

    /// <summary>
    /// Whether the request's CSeq becomes the dialog's last one: any request taken on the caller's or callee's dialog, even
    /// one refused for glare (RFC 3261 12.2.2 compares with every request received). A fork's early dialog is not tracked.
    /// </summary>
    public static bool AdvancesCSeq(InDialogStep step, DialogSide side) =>
        side is DialogSide.Caller or DialogSide.Callee && step is not (InDialogStep.NoSuchDialog or InDialogStep.OutOfOrder);

    private static InDialogStep Ringing(InDialogFacts facts)
    {
        if (facts.Side == DialogSide.Caller && facts.Originated && facts.Method == "BYE")
            return InDialogStep.OriginatorHungUp;
        if (facts.Method != "UPDATE" || facts.Side is not (DialogSide.Caller or DialogSide.RingingFork))
            return InDialogStep.NoSuchDialog;
        return facts.LastCSeq is { } last && facts.CSeq < last ? InDialogStep.OutOfOrder : InDialogStep.EarlyUpdate;
    }
}
