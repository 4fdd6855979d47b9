using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: a fork's response in a situation phones produce, and what the call must do with it.</summary>
public sealed class ForkResponseRuleTests
{
    public static TheoryData<string, ForkResponseFacts, ForkResponseStep> Rows => new()
    {
        { "100 Trying is absorbed", Ringing(100), ForkResponseStep.Ignore },
        { "180 relays ringback", Ringing(180), ForkResponseStep.Ringing },
        { "183 without SDP is ringback too", Ringing(183), ForkResponseStep.Ringing },
        { "183 with SDP is early media", Ringing(183, sdp: true), ForkResponseStep.EarlyMedia },
        { "180 with SDP is early media", Ringing(180, sdp: true), ForkResponseStep.EarlyMedia },
        { "the first 200 answers", Ringing(200, sdp: true), ForkResponseStep.Answer },
        { "a 200 without SDP still answers (the grain refuses it with 488)", Ringing(200), ForkResponseStep.Answer },
        { "486 fails the fork", Ringing(486), ForkResponseStep.Failed },
        { "603 fails the fork", Ringing(603), ForkResponseStep.Failed },
        { "a 200 crossing the CANCEL is ended with BYE", Cancelled(CallPhase.Ended, 200), ForkResponseStep.EndLateAnswer },
        { "a 200 from a second fork after the first answered is ended with BYE", Cancelled(CallPhase.Answered, 200), ForkResponseStep.EndLateAnswer },
        { "487 for a cancelled fork needs nothing", Cancelled(CallPhase.Ended, 487), ForkResponseStep.Ignore },
        { "180 from a cancelled fork is not relayed", Cancelled(CallPhase.Answered, 180), ForkResponseStep.Ignore },
        { "a response for a fork the call never made is ignored", new(CallPhase.Ringing, false, false, false, 200, true), ForkResponseStep.Ignore },
        { "a response for a ringing transfer target goes to the transfer", new(CallPhase.Answered, true, true, false, 200, true), ForkResponseStep.Transfer },
        { "a late 200 from a cancelled fork during a transfer is still ended", new(CallPhase.Answered, true, false, true, 200, true), ForkResponseStep.EndLateAnswer },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_fork_response_does_what_the_situation_calls_for(string situation, ForkResponseFacts facts, ForkResponseStep expected) =>
        ForkResponseRule.Decide(facts).ShouldBe(expected, situation);

    private static ForkResponseFacts Ringing(int status, bool sdp = false) => new(CallPhase.Ringing, false, true, false, status, sdp);

    private static ForkResponseFacts Cancelled(CallPhase phase, int status) => new(phase, false, false, true, status, true);
}
