using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: an action an operator asks of a call in some state, and whether the call takes it (the API's 404/409/2xx).</summary>
public sealed class CallActionRuleTests
{
    private static readonly CallActionFacts Talking = new(CallPhase.Answered, true, true, false, false, false, false);
    private static readonly CallActionFacts Ringing = Talking with { Phase = CallPhase.Ringing, BothLegs = false };

    public static TheoryData<string, CallAction, CallActionFacts, CallActionResult> Rows => new()
    {
        { "hang up a call in progress", CallAction.Hangup, Talking, CallActionResult.Done },
        { "hang up a ringing call (CANCEL is the caller's)", CallAction.Hangup, Ringing, CallActionResult.NotApplicable },
        { "hang up a caller in a menu (the PBX answered it alone)", CallAction.Hangup, Talking with { BothLegs = false }, CallActionResult.Done },
        { "hang up a call that ended", CallAction.Hangup, Talking with { Phase = CallPhase.Ended }, CallActionResult.NoSuchCall },
        { "act on an id no call has", CallAction.Hold, Talking with { Phase = CallPhase.None }, CallActionResult.NoSuchCall },
        { "hold a call in progress", CallAction.Hold, Talking, CallActionResult.Done },
        { "hold a call already held", CallAction.Hold, Talking with { Held = true }, CallActionResult.NotApplicable },
        { "hold with no edge to re-INVITE through", CallAction.Hold, Talking with { EdgeKnown = false }, CallActionResult.NotApplicable },
        { "resume a held call", CallAction.Resume, Talking with { Held = true }, CallActionResult.Done },
        { "resume a call not held", CallAction.Resume, Talking, CallActionResult.NotApplicable },
        { "hold a ringing call", CallAction.Hold, Ringing, CallActionResult.NotApplicable },
        { "transfer a call in progress", CallAction.Transfer, Talking, CallActionResult.Done },
        { "a second transfer while one rings", CallAction.Transfer, Talking with { TransferInProgress = true }, CallActionResult.NotApplicable },
        { "transfer a ringing call (deflect is for that)", CallAction.Transfer, Ringing, CallActionResult.NotApplicable },
        { "deflect a ringing call", CallAction.Deflect, Ringing, CallActionResult.Done },
        { "deflect after the answer", CallAction.Deflect, Talking, CallActionResult.NotApplicable },
        { "deflect a click-to-call", CallAction.Deflect, Ringing with { Originated = true }, CallActionResult.NotApplicable },
        { "deflect while a click-to-call's first stage rings", CallAction.Deflect, Ringing with { TransferInProgress = true }, CallActionResult.NotApplicable },
        { "start recording a call in progress", CallAction.StartRecording, Talking, CallActionResult.Done },
        { "start recording twice", CallAction.StartRecording, Talking with { Recording = true }, CallActionResult.NotApplicable },
        { "start recording before the answer", CallAction.StartRecording, Ringing, CallActionResult.NotApplicable },
        { "start recording a caller in a menu: no pair to record", CallAction.StartRecording, Talking with { BothLegs = false }, CallActionResult.NotApplicable },
        { "stop a running recording", CallAction.StopRecording, Talking with { Recording = true }, CallActionResult.Done },
        { "stop a recording that does not run", CallAction.StopRecording, Talking, CallActionResult.NotApplicable },
        { "send DTMF in a call in progress", CallAction.SendDtmf, Talking, CallActionResult.Done },
        { "send DTMF while ringing", CallAction.SendDtmf, Ringing, CallActionResult.NotApplicable },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void An_action_is_taken_only_where_it_makes_sense(string situation, CallAction action, CallActionFacts facts, CallActionResult expected) =>
        CallActionRule.Admit(action, facts).ShouldBe(expected, situation);
}
