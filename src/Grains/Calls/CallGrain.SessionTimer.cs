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

    /// <summary>RFC 4028 section 8.1: an INVITE asking for an interval below our minimum gets 422 naming it in Min-SE.</summary>
    private CallDecision? SessionIntervalTooSmall(SessionTimer? offered)
    {
        var minimum = options.Value.MinSessionExpires;
        if (offered?.Expires is not { } asked || asked >= minimum)
            return null;
        return new CallDecision(new CallerResponse(422, "Session Interval Too Small", null, new SessionTimer(null, null, minimum, false)), [], TimeSpan.Zero);
    }

    /// <summary>
    /// The caller leg, the PBX as UAS (RFC 4028 section 9): the asked interval, lowered to ours but never below either
    /// minimum; the refresher the caller named, else the caller when it supports timers, else the PBX.
    /// </summary>
    private void NegotiateCallerSessionTimer(SessionTimer? offered)
    {
        var o = options.Value;
        var seconds = Math.Max(Math.Min(offered?.Expires ?? o.SessionExpires, o.SessionExpires), Math.Max(offered?.MinExpires ?? 0, o.MinSessionExpires));
        var callerRefreshes = offered?.Refresher is { } refresher ? refresher == SessionTimer.Uac : offered?.Supported == true;
        State.CallerSessionTimer = new LegSessionTimer(seconds, PbxRefreshes: !callerRefreshes);
    }

    /// <summary>What every fork's INVITE asks (RFC 4028 section 7.1): our interval and minimum, the refresher left to the phone.</summary>
    private SessionTimer ForkSessionTimer() => new(options.Value.SessionExpires, null, options.Value.MinSessionExpires, true);

    /// <summary>
    /// The callee leg, the PBX as UAC (RFC 4028 section 7.2): the interval and refresher of the 2xx; a 2xx without
    /// Session-Expires (a phone without timers) leaves the PBX refreshing at the interval it asked.
    /// </summary>
    private void NegotiateCalleeSessionTimer(SessionTimer? answered) => State.CalleeSessionTimer = UacSessionTimer(answered);

    /// <summary>A leg where the PBX is the UAC (a callee, a transfer target, a click-to-call originator), from its 2xx.</summary>
    private LegSessionTimer UacSessionTimer(SessionTimer? answered) =>
        answered?.Expires is { } seconds
            ? new LegSessionTimer(seconds, PbxRefreshes: answered.Refresher != SessionTimer.Uas)
            : new LegSessionTimer(options.Value.SessionExpires, PbxRefreshes: true);

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
