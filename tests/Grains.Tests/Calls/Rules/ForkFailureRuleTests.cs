using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: how many forks still ring after one failed, the outcome so far, a busy forward or not; then what the call does.</summary>
public sealed class ForkFailureRuleTests
{
    [Theory]
    [InlineData(1, CdrDisposition.Busy, true, ForkFailureStep.WaitForOthers)]
    [InlineData(2, CdrDisposition.Failed, false, ForkFailureStep.WaitForOthers)]
    [InlineData(0, CdrDisposition.Busy, true, ForkFailureStep.ForwardBusy)]
    [InlineData(0, CdrDisposition.Busy, false, ForkFailureStep.End)]
    [InlineData(0, CdrDisposition.NoAnswer, true, ForkFailureStep.End)]
    [InlineData(0, CdrDisposition.Failed, true, ForkFailureStep.End)]
    public void The_call_waits_while_a_fork_rings_and_forwards_only_a_busy_outcome(int stillRinging, string outcome, bool forwardsOnBusy, ForkFailureStep expected) =>
        ForkFailureRule.Decide(stillRinging, outcome, forwardsOnBusy).ShouldBe(expected);
}
