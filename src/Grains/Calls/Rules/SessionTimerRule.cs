namespace Pbx.Grains.Calls.Rules;

/// <summary>
/// Session timer negotiation (RFC 4028) for each leg of the B2BUA, from the PBX's <see cref="CallOptions.SessionExpires"/>
/// and <see cref="CallOptions.MinSessionExpires"/>: the caller's leg with the PBX as UAS, every other leg (callee, transfer
/// target, click-to-call originator) with the PBX as UAC.
/// </summary>
public static class SessionTimerRule
{
    /// <summary>RFC 4028 section 8.1: the 422 for an INVITE asking an interval below our minimum (naming it in Min-SE); null when acceptable.</summary>
    public static CallerResponse? TooSmall(SessionTimer? offered, CallOptions options) =>
        offered?.Expires is { } asked && asked < options.MinSessionExpires
            ? new CallerResponse(422, "Session Interval Too Small", null, new SessionTimer(null, null, options.MinSessionExpires, false))
            : null;

    /// <summary>
    /// The caller's leg, the PBX as UAS (section 9): the asked interval, lowered to ours but never below either minimum; the
    /// refresher the caller named, else the caller when it supports timers, else the PBX.
    /// </summary>
    public static LegSessionTimer AsUas(SessionTimer? offered, CallOptions options)
    {
        var seconds = Math.Max(Math.Min(offered?.Expires ?? options.SessionExpires, options.SessionExpires),
            Math.Max(offered?.MinExpires ?? 0, options.MinSessionExpires));
        var callerRefreshes = offered?.Refresher is { } refresher ? refresher == SessionTimer.Uac : offered?.Supported == true;
        return new LegSessionTimer(seconds, PbxRefreshes: !callerRefreshes);
    }

    /// <summary>What the PBX asks in each INVITE it sends (section 7.1): our interval and minimum, the refresher left to the phone.</summary>
    public static SessionTimer Offer(CallOptions options) => new(options.SessionExpires, null, options.MinSessionExpires, true);

    /// <summary>
    /// A leg where the PBX is the UAC (section 7.2), from the 2xx: its interval and refresher; a 2xx without Session-Expires
    /// (a phone without timers) leaves the PBX refreshing at the interval it asked.
    /// </summary>
    public static LegSessionTimer AsUac(SessionTimer? answered, CallOptions options) =>
        answered?.Expires is { } seconds
            ? new LegSessionTimer(seconds, PbxRefreshes: answered.Refresher != SessionTimer.Uas)
            : new LegSessionTimer(options.SessionExpires, PbxRefreshes: true);
}
