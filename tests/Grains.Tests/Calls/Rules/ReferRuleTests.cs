using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: a REFER in a situation phones produce, the status the call answers, and whether the dialog's CSeq moves on.</summary>
public sealed class ReferRuleTests
{
    public static TheoryData<string, ReferFacts, int, bool> Rows => new()
    {
        { "a REFER on an answered call is accepted", new(CallPhase.Answered, true, 5, 4, false, true), 202, true },
        { "the first request on a dialog has no CSeq to compare", new(CallPhase.Answered, true, 1, null, false, true), 202, true },
        { "a REFER while the call still rings is for no dialog of it", new(CallPhase.Ringing, true, 5, 4, false, true), 481, false },
        { "a REFER after the call ended", new(CallPhase.Ended, true, 5, 4, false, true), 481, false },
        { "a REFER on a dialog the call does not hold (a fork that lost)", new(CallPhase.Answered, false, 5, null, false, true), 481, false },
        { "a REFER older than the last request is out of order", new(CallPhase.Answered, true, 3, 4, false, true), 500, false },
        { "a second REFER while a transfer runs waits", new(CallPhase.Answered, true, 6, 5, true, true), 491, true },
        { "a REFER with no edge to ring the target through", new(CallPhase.Answered, true, 5, 4, false, false), 503, true },
        { "a REFER from a caller in a menu: nobody to hand over", new(CallPhase.Answered, true, 5, 4, false, true, PbxAnswered: true), 403, true },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_refer_is_accepted_only_on_an_answered_call_one_transfer_at_a_time(string situation, ReferFacts facts, int status, bool advances)
    {
        var answer = ReferRule.Decide(facts);

        answer.Status.ShouldBe(status, situation);
        ReferRule.AdvancesCSeq(answer).ShouldBe(advances, situation);
    }
}
