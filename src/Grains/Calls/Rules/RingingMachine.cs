using System.Diagnostics.CodeAnalysis;
using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Calls.Rules;

/// <summary>
/// The ringing phase as a state machine: each event (a fork's response, the end of ringing, a failure nothing else took)
/// updates the call's fork book (ringing, cancelled and failed forks) and returns the one command the grain carries out.
/// No I/O: the grain feeds events and performs commands, and these rules are tested by tables of what phones do.
/// </summary>
public static class RingingMachine
{
    /// <summary>Forward chains longer than this are a loop or a misconfiguration.</summary>
    public const int MaxForwards = 5;

    /// <summary>A fork's response (RFC 3261 13.2.2); null when nothing is to be done (a 100, a stray provisional).</summary>
    public static RingingCommand? OnForkResponse(CallState state, ForkResponse response)
    {
        var ringing = state.Forks.TryGetValue(response.ForkId, out var fork);
        var cancelled = state.CancelledForks.TryGetValue(response.ForkId, out var late);
        var step = ForkResponseRule.Decide(new ForkResponseFacts(
            state.Phase, state.Transfer is not null, ringing, cancelled, response.Status, response.Sdp is not null));
        switch (step)
        {
            case ForkResponseStep.Transfer:
                return OnTransferTarget(state, response, fork!);
            case ForkResponseStep.EndLateAnswer:
                return new ByeLateAnswer(DialogLegs.Next(DialogLegs.Confirmed(late!, response)));
            case ForkResponseStep.EarlyMedia:
                return new RelayEarlyMedia(response.Sdp!);
            case ForkResponseStep.Ringing:
                return new RelayRinging();
            case ForkResponseStep.Answer:
                state.Forks.Remove(response.ForkId);
                return new ConnectCallee(DialogLegs.Confirmed(fork!, response), response.Sdp, response.SessionTimer, state.CancelForks());
            case ForkResponseStep.Failed:
                state.Forks.Remove(response.ForkId);
                state.FailedStatuses.Add(response.Status);
                return state.Trunk is { Direction: "outbound" } trunk ? OnTrunkFailed(state, trunk, response, fork!) : AfterForkFailed(state, response);
            default:
                return null;
        }
    }

    /// <summary>
    /// A response of a transfer's target (or of a click-to-call's originator): provisionals change nothing, since the
    /// parties are still talking; the first 2xx is the target answering, and its other contacts are cancelled; a failure
    /// waits for the other contacts, and the transfer fails once none is left.
    /// </summary>
    private static RingingCommand? OnTransferTarget(CallState state, ForkResponse response, DialogLeg fork)
    {
        if (response.Status < 200)
            return null;
        state.Forks.Remove(response.ForkId);
        if (response.Status < 300)
            return new TransferTargetAnswered(DialogLegs.Confirmed(fork, response), response.Sdp, response.SessionTimer, state.CancelForks());
        state.FailedStatuses.Add(response.Status);
        state.KeepSilentCarrierFork(response.ForkId, fork, response.Status);
        return state.Forks.Count > 0 ? null : new TransferTargetFailed();
    }

    /// <summary>
    /// A carrier's failure: 5xx and 408 (a timeout) are the trunk's trouble, so the rule's next trunk gets the call; other
    /// finals (486, 404, 4xx, 6xx) are the far end's answer and go to the caller as any fork's failure would (RFC 3261
    /// 16.7 keeps 6xx final too).
    /// </summary>
    private static TrunkFailed OnTrunkFailed(CallState state, TrunkCallState trunk, ForkResponse response, DialogLeg fork)
    {
        state.KeepSilentCarrierFork(response.ForkId, fork, response.Status);
        var noTrunkLeft = new EndCall(CdrDisposition.Failed, $"{response.Status} {response.Reason}", "callee",
            new CallerResponse(503, "Service Unavailable", null), []);
        var carrierTrouble = response.Status is 408 or (>= 500 and < 600);
        return new TrunkFailed(trunk.TrunkId, response.Status, response.Reason, noTrunkLeft, carrierTrouble ? null : AfterForkFailed(state, response));
    }

    /// <summary>
    /// A fork failed and nothing (trunk failover) took the call on: wait while other forks ring, forward on busy when every
    /// fork failed busy-like and a forward is set, else end with the outcome of all the failures.
    /// </summary>
    public static RingingCommand? AfterForkFailed(CallState state, ForkResponse failure)
    {
        var (response, disposition) = state.FailureOutcome();
        var end = new EndCall(disposition, $"{failure.Status} {failure.Reason}", "callee", response, []);
        return ForkFailureRule.Decide(state.Forks.Count, disposition, state.Settings.ForwardBusy is { Length: > 0 }) switch
        {
            ForkFailureStep.WaitForOthers => null,
            ForkFailureStep.ForwardBusy => ForwardOrEnd(state, "forward-busy", state.Settings.ForwardBusy, [], end),
            _ => end,
        };
    }

    /// <summary>
    /// Ringing ended: the no-answer time ran out (<paramref name="noAnswer"/>) or the caller CANCELled. Every fork still
    /// ringing is cancelled; no answer forwards when the rung extension says so, else 480; a CANCEL ends the call (the edge
    /// has already answered it, RFC 3261 9.2).
    /// </summary>
    public static RingingCommand? OnRingingEnded(CallState state, bool noAnswer)
    {
        if (state.Transfer is not null && state.Forks.Count > 0)
            return new TransferTargetNoAnswer(state.CancelForks());
        if (state.Phase != CallPhase.Ringing)
            return null;
        var cancel = state.CancelForks();
        if (!noAnswer)
            return new EndCall(CdrDisposition.Cancelled, "CANCEL", "caller", null, cancel);
        var end = new EndCall(CdrDisposition.NoAnswer, "no answer", "system", new CallerResponse(480, "Temporarily Unavailable", null), cancel);
        return ForwardOrEnd(state, "forward-no-answer", state.Settings.ForwardNoAnswer, cancel, end);
    }

    /// <summary>Whether the dial plan may take one more forward: one is set, and the chain is not already <see cref="MaxForwards"/> long.</summary>
    public static bool MayForward(CallState state, [NotNullWhen(true)] string? to) => !string.IsNullOrEmpty(to) && state.History.Count < MaxForwards;

    private static RingingCommand ForwardOrEnd(CallState state, string kind, string? to, IReadOnlyList<string> cancel, EndCall end) =>
        MayForward(state, to) ? new ForwardOrEnd(kind, to, cancel, end) : end;
}
