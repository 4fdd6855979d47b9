using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>
/// Session timers (RFC 4028) on both legs: each leg negotiates its own interval and refresher; the PBX refreshes with an
/// UPDATE without a body (section 10: no media change) where it is the refresher, and ends the call with BYE on both sides
/// when a refresh it expects does not arrive.
/// </summary>
public sealed partial class CallGrain
{
    private IDisposable? _callerSessionTimer;
    private IDisposable? _calleeSessionTimer;

    /// <summary>The 422 for an INVITE asking an interval below our minimum, as a refusal before any state (<see cref="SessionTimerRule.TooSmall"/>).</summary>
    private CallDecision? SessionIntervalTooSmall(SessionTimer? offered) =>
        SessionTimerRule.TooSmall(offered, options.Value) is { } refusal ? new CallDecision(refusal, [], TimeSpan.Zero) : null;

    private void NegotiateCallerSessionTimer(SessionTimer? offered) => State.CallerSessionTimer = SessionTimerRule.AsUas(offered, options.Value);

    private SessionTimer ForkSessionTimer() => SessionTimerRule.Offer(options.Value);

    private void NegotiateCalleeSessionTimer(SessionTimer? answered) => State.CalleeSessionTimer = UacSessionTimer(answered);

    private LegSessionTimer UacSessionTimer(SessionTimer? answered) => SessionTimerRule.AsUac(answered, options.Value);

    private SessionTimer? ResponseSessionTimer(bool caller) => (caller ? State.CallerSessionTimer : State.CalleeSessionTimer)?.ForResponse();

    private SessionTimer? RequestSessionTimer(bool caller) => (caller ? State.CallerSessionTimer : State.CalleeSessionTimer)?.ForRequest();

    /// <summary>(Re)starts the leg's timer: after the answer, and after each refresh seen on the leg.</summary>
    private void ArmSessionTimer(bool caller)
    {
        if (State.Phase != CallPhase.Answered || (caller ? State.CallerSessionTimer : State.CalleeSessionTimer) is not { } leg)
            return;
        (caller ? _callerSessionTimer : _calleeSessionTimer)?.Dispose();
        var timer = this.RegisterGrainTimer(_ => leg.PbxRefreshes ? RefreshSessionAsync(caller) : SessionExpiredAsync(caller), leg.Due, Timeout.InfiniteTimeSpan);
        if (caller)
            _callerSessionTimer = timer;
        else
            _calleeSessionTimer = timer;
    }

    private void StopSessionTimers()
    {
        _callerSessionTimer?.Dispose();
        _calleeSessionTimer?.Dispose();
    }

    private async Task RefreshSessionAsync(bool caller)
    {
        if (State.Phase != CallPhase.Answered || Edge is not { } edge || (caller ? State.CallerLeg : State.CalleeLeg) is not { } leg)
            return;
        leg = DialogLegs.Next(leg);
        if (caller)
            State.CallerLeg = leg;
        else
            State.CalleeLeg = leg;
        await state.WriteStateAsync();
        ArmSessionTimer(caller);
        LogSessionRefresh(CallKey, leg.CallId);
        // RFC 4028 section 10: UPDATE is the preferred refresh; without a body it changes nothing in the media.
        await edge.SendAsync(new LegRequest("UPDATE", leg, null, RequestSessionTimer(caller)));
    }

    private async Task SessionExpiredAsync(bool caller)
    {
        LogSessionExpired(CallKey, (caller ? State.CallerLeg : State.CalleeLeg)?.CallId ?? "");
        await HangupBothAsync("session timer expired");
    }
}
