using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: a request inside the call's dialogs as phones send them, and what the call does with it.</summary>
public sealed class InDialogRuleTests
{
    private static readonly InDialogFacts Answered = new(CallPhase.Answered, false, "INVITE", DialogSide.Caller, 5, 4, true, false, false);
    private static readonly InDialogFacts Ringing = Answered with { Phase = CallPhase.Ringing, Method = "UPDATE" };

    public static TheoryData<string, InDialogFacts, InDialogStep> Rows => new()
    {
        { "a re-INVITE with an offer from the caller", Answered, InDialogStep.Reoffer },
        { "an UPDATE with an offer from the callee", Answered with { Method = "UPDATE", Side = DialogSide.Callee }, InDialogStep.Reoffer },
        { "a session refresh without an offer", Answered with { HasOffer = false }, InDialogStep.Refresh },
        { "BYE from the caller", Answered with { Method = "BYE", HasOffer = false }, InDialogStep.Bye },
        { "BYE from the callee", Answered with { Method = "BYE", Side = DialogSide.Callee, HasOffer = false }, InDialogStep.Bye },
        { "BYE during a blind transfer from the party leaving", Answered with { Method = "BYE", HasOffer = false, LeavesBlindTransfer = true }, InDialogStep.TransferorLeft },
        { "the first request on a dialog has nothing to compare with", Answered with { LastCSeq = null }, InDialogStep.Reoffer },
        { "a CSeq lower than the last is out of order", Answered with { CSeq = 3 }, InDialogStep.OutOfOrder },
        { "a BYE out of order is refused too", Answered with { Method = "BYE", CSeq = 3 }, InDialogStep.OutOfOrder },
        { "re-INVITE glare: an offer while the other side's is in flight", Answered with { OfferFromOtherSidePending = true }, InDialogStep.Glare },
        { "a refresh crossing the other side's offer is no glare", Answered with { HasOffer = false, OfferFromOtherSidePending = true }, InDialogStep.Refresh },
        { "BYE crossing the other side's offer still ends the call", Answered with { Method = "BYE", HasOffer = false, OfferFromOtherSidePending = true }, InDialogStep.Bye },
        { "a request on a fork that lost", Answered with { Side = DialogSide.Unknown }, InDialogStep.NoSuchDialog },
        { "a request after the call ended", Answered with { Phase = CallPhase.Ended }, InDialogStep.NoSuchDialog },
        { "a request on a key no call started", Answered with { Phase = CallPhase.None }, InDialogStep.NoSuchDialog },
        { "BYE from a caller in a menu: nobody else to tell", Answered with { Method = "BYE", HasOffer = false, PbxAnswered = true }, InDialogStep.ByeToPbx },
        { "a re-INVITE from a caller in a menu is answered here", Answered with { PbxAnswered = true }, InDialogStep.ReofferToPbx },
        { "a refresh from a caller in a menu", Answered with { HasOffer = false, PbxAnswered = true }, InDialogStep.Refresh },
        { "a request out of order from a caller in a menu", Answered with { CSeq = 3, PbxAnswered = true }, InDialogStep.OutOfOrder },
        { "an early UPDATE from the caller", Ringing, InDialogStep.EarlyUpdate },
        { "an early UPDATE from a ringing fork", Ringing with { Side = DialogSide.RingingFork, LastCSeq = null }, InDialogStep.EarlyUpdate },
        { "an early UPDATE out of order", Ringing with { CSeq = 3 }, InDialogStep.OutOfOrder },
        { "a re-INVITE before the answer has no dialog yet", Ringing with { Method = "INVITE" }, InDialogStep.NoSuchDialog },
        { "a caller's BYE before the answer (it must CANCEL)", Ringing with { Method = "BYE", HasOffer = false }, InDialogStep.NoSuchDialog },
        { "the click-to-call originator hangs up while the callee rings", Ringing with { Method = "BYE", Originated = true }, InDialogStep.OriginatorHungUp },
        { "an UPDATE on an unknown early dialog", Ringing with { Side = DialogSide.Unknown }, InDialogStep.NoSuchDialog },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_request_in_the_call_s_dialogs_is_taken_refused_or_answered_as_glare(string situation, InDialogFacts facts, InDialogStep expected) =>
        InDialogRule.Decide(facts).ShouldBe(expected, situation);

    [Theory]
    [InlineData(InDialogStep.Reoffer, DialogSide.Caller, true)]
    [InlineData(InDialogStep.Glare, DialogSide.Callee, true)]
    [InlineData(InDialogStep.Bye, DialogSide.Callee, true)]
    [InlineData(InDialogStep.EarlyUpdate, DialogSide.Caller, true)]
    [InlineData(InDialogStep.EarlyUpdate, DialogSide.RingingFork, false)]
    [InlineData(InDialogStep.OutOfOrder, DialogSide.Caller, false)]
    [InlineData(InDialogStep.NoSuchDialog, DialogSide.Unknown, false)]
    public void A_request_taken_on_a_leg_moves_its_cseq_on(InDialogStep step, DialogSide side, bool advances) =>
        InDialogRule.AdvancesCSeq(step, side).ShouldBe(advances);
}
