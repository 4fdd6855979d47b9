using Microsoft.Extensions.Logging;
using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>
/// One answered call's timers. Session timers (RFC 4028) on both legs: each leg negotiates its own interval and refresher
/// (<see cref="SessionTimerRule"/>); the PBX refreshes with an UPDATE without a body (section 10: no media change) where it
/// is the refresher. <paramref name="expired"/> hangs the call up, with its cause, when a refresh it expects does not
/// arrive or the call reaches <c>Calls:MaxDuration</c>.
/// </summary>
internal sealed partial class CallTimers(CallContext call, CallOptions options, Func<string, Task> expired, ILogger logger)
{
    private IDisposable? _caller;
    private IDisposable? _callee;
    private IDisposable? _maxDuration;

    private CallState State => call.State;

    /// <summary>The 422 for an INVITE asking an interval below our minimum, as a refusal before any state (<see cref="SessionTimerRule.TooSmall"/>).</summary>
    public CallDecision? IntervalTooSmall(SessionTimer? offered) =>
        SessionTimerRule.TooSmall(offered, options) is { } refusal ? new CallDecision(refusal, [], TimeSpan.Zero) : null;

    public void NegotiateCaller(SessionTimer? offered) => State.CallerSessionTimer = SessionTimerRule.AsUas(offered, options);

    public void NegotiateCallee(SessionTimer? answered) => State.CalleeSessionTimer = AsUac(answered);

    /// <summary>What our INVITE to a fork offers.</summary>
    public SessionTimer ForFork() => SessionTimerRule.Offer(options);

    /// <summary>A leg we called, as its 2xx <paramref name="answered"/>.</summary>
    public LegSessionTimer AsUac(SessionTimer? answered) => SessionTimerRule.AsUac(answered, options);

    public SessionTimer? ForResponse(bool caller) => Leg(caller)?.ForResponse();

    public SessionTimer? ForRequest(bool caller) => Leg(caller)?.ForRequest();

    /// <summary>The answered call is hung up once it has lasted <c>Calls:MaxDuration</c>.</summary>
    public void ArmMaxDuration() => _maxDuration = call.After(options.MaxDuration, () => expired("maximum duration"));

    /// <summary>(Re)starts the leg's session timer: after the answer, and after each refresh seen on the leg.</summary>
    public void Arm(bool caller)
    {
        if (State.Phase != CallPhase.Answered || Leg(caller) is not { } leg)
            return;
        Disarm(caller);
        var timer = call.After(leg.Due, () => leg.PbxRefreshes ? RefreshAsync(caller) : ExpiredAsync(caller));
        if (caller)
            _caller = timer;
        else
            _callee = timer;
    }

    /// <summary>The leg's session timer stops (its leg left the call).</summary>
    public void Disarm(bool caller) => (caller ? _caller : _callee)?.Dispose();

    /// <summary>Every timer stops: the call ended.</summary>
    public void Stop()
    {
        _maxDuration?.Dispose();
        _caller?.Dispose();
        _callee?.Dispose();
    }

    private LegSessionTimer? Leg(bool caller) => caller ? State.CallerSessionTimer : State.CalleeSessionTimer;

    private async Task RefreshAsync(bool caller)
    {
        if (State.Phase != CallPhase.Answered || call.Edge is not { } edge || (caller ? State.CallerLeg : State.CalleeLeg) is not { } leg)
            return;
        leg = DialogLegs.Next(leg);
        if (caller)
            State.CallerLeg = leg;
        else
            State.CalleeLeg = leg;
        await call.SaveAsync();
        Arm(caller);
        LogSessionRefresh(call.Key, leg.CallId);
        // RFC 4028 section 10: UPDATE is the preferred refresh; without a body it changes nothing in the media.
        await edge.SendAsync(new LegRequest("UPDATE", leg, null, ForRequest(caller)));
    }

    private async Task ExpiredAsync(bool caller)
    {
        LogSessionExpired(call.Key, (caller ? State.CallerLeg : State.CalleeLeg)?.CallId ?? "");
        await expired("session timer expired");
    }

    [LoggerMessage(EventId = 2223, Level = LogLevel.Debug, Message = "Call {CallId}: session refresh (UPDATE) on leg {LegCallId}")]
    private partial void LogSessionRefresh(string callId, string legCallId);

    [LoggerMessage(EventId = 2224, Level = LogLevel.Warning, Message = "Call {CallId}: no session refresh on leg {LegCallId} in time; hanging up (RFC 4028 section 10)")]
    private partial void LogSessionExpired(string callId, string legCallId);
}
