using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>Hang-ups the grain starts itself: asked from outside, maximum duration reached, media gone dead.</summary>
public sealed partial class CallGrain
{
    private ICallEdge? _edge;
    private IDisposable? _maxDurationTimer;

    /// <inheritdoc />
    public async Task<CallActionResult> HangupAsync()
    {
        switch (State.Phase)
        {
            case CallPhase.None or CallPhase.Ended:
                DeactivateOnIdle();
                return CallActionResult.NoSuchCall;
            case CallPhase.Ringing:
                // The caller's INVITE transaction is held by the edge serving it; ringing ends by CANCEL or the no-answer time.
                return CallActionResult.NotApplicable;
            default:
                return await HangupBothAsync("hangup requested") ? CallActionResult.Done : CallActionResult.NotApplicable;
        }
    }

    /// <inheritdoc />
    public async Task OnMediaTimeoutAsync(MediaTimedOut timeout)
    {
        LogMediaTimeout(CallKey, timeout.EndpointId);
        // A phone that lost power or network never sends BYE; silence on an answered call means it is gone.
        if (State.Phase == CallPhase.Answered)
            await HangupBothAsync("media timeout");
    }

    private void ArmMaxDuration() =>
        _maxDurationTimer = RegisterTimer(async _ => await HangupBothAsync("maximum duration"), options.Value.MaxDuration, Timeout.InfiniteTimeSpan);

    /// <summary>Sends BYE on both legs and ends the call; false when no edge is known (the activation was recreated).</summary>
    private async Task<bool> HangupBothAsync(string cause)
    {
        if (State.Phase != CallPhase.Answered || _edge is null || State.CallerLeg is not { } caller || State.CalleeLeg is not { } callee)
            return false;
        caller = Next(caller);
        callee = Next(callee);
        await EndAsync(CdrDisposition.Answered, cause, "system");
        await Task.WhenAll(_edge.SendAsync(new LegRequest("BYE", caller, null)), _edge.SendAsync(new LegRequest("BYE", callee, null)));
        return true;
    }
}
