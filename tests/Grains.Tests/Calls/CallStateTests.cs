using Pbx.Grains.Calls;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls;

/// <summary>The rules a call applies without I/O: which final response the caller gets when every fork failed.</summary>
public sealed class CallStateTests
{
    [Theory]
    [InlineData(new[] { 486, 480 }, 486, "busy")]
    [InlineData(new[] { 408, 600 }, 486, "busy")]
    [InlineData(new[] { 408, 480 }, 480, "no-answer")]
    [InlineData(new[] { 503 }, 480, "no-answer")]
    [InlineData(new[] { 480, 403 }, 403, "failed")]
    public void When_every_fork_failed_busy_wins_then_no_answer_then_the_first_other_failure(int[] statuses, int expected, string disposition)
    {
        var state = new CallState { FailedStatuses = [.. statuses] };

        var (response, outcome) = state.FailureOutcome();

        response.Status.ShouldBe(expected);
        outcome.ShouldBe(disposition);
    }

    [Fact]
    public void Cancelling_forks_keeps_their_dialogs_so_a_late_2xx_can_be_ended_with_bye()
    {
        var leg = new DialogLeg("b@pbx", "sip:1@x", "t", "sip:2@x", null, "sip:2@127.0.0.1", [], "udp", "127.0.0.1", 5060, 1);
        var state = new CallState { Forks = { ["0"] = leg, ["1"] = leg with { CallId = "c@pbx" } } };

        var cancelled = state.CancelForks();

        cancelled.Order().ShouldBe(["0", "1"]);
        state.Forks.ShouldBeEmpty();
        state.CancelledForks["1"].CallId.ShouldBe("c@pbx");
    }
}
