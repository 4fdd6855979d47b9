namespace Pbx.Grains.Calls.Rules;

/// <summary>What the call does after one of its forks failed (<see cref="ForkFailureRule.Decide"/>).</summary>
public enum ForkFailureStep
{
    /// <summary>Other forks still ring: wait for them.</summary>
    WaitForOthers,

    /// <summary>Every fork failed and the outcome is busy, and the rung extension forwards on busy: ring the forward.</summary>
    ForwardBusy,

    /// <summary>Every fork failed: the caller gets the outcome's final response and the call ends.</summary>
    End,
}

/// <summary>
/// After a fork's failure (and after trunk failover had its chance): the call waits while any fork rings, forwards on busy
/// when every fork failed busy-like and a forward is set, and otherwise ends with <see cref="CallState.FailureOutcome"/>.
/// </summary>
public static class ForkFailureRule
{
    public static ForkFailureStep Decide(int forksStillRinging, string outcomeDisposition, bool forwardsOnBusy)
    {
        if (forksStillRinging > 0)
            return ForkFailureStep.WaitForOthers;
        return outcomeDisposition == Cdrs.CdrDisposition.Busy && forwardsOnBusy ? ForkFailureStep.ForwardBusy : ForkFailureStep.End;
    }
}
