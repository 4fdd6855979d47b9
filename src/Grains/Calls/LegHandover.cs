using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;
using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Calls;

/// <summary>
/// A leg gives way to another in a call that goes on: the answered target of a blind transfer, or the party another call
/// hands over for an attended transfer (RFC 3515 REFER with Replaces, RFC 3891), where both phones keep their dialogs and
/// RTP addresses, so no new INVITE is needed. Also the transferor leaving before the target answered (RFC 5589 section 6).
/// </summary>
internal sealed partial class LegHandover(CallContext call, CallMedia media, CallTimers timers, CallEnding ending, TransferProgress progress, ILogger logger)
{
    private CallState State => call.State;

    /// <summary>
    /// The transferor's leg gives way to <paramref name="leg"/> on <paramref name="endpoint"/>: the party that stays is
    /// bridged to it, the transferor gets NOTIFY 200 (when it sent REFER) and BYE, the CDR history records the transfer.
    /// A party left on hold (<paramref name="joinedHeld"/> for the joining one) is re-INVITEd to talk both ways; the joining
    /// leg brings its session timer (RFC 4028) and its extension now counts this call (call waiting).
    /// </summary>
    public async Task ReplaceLegAsync(DialogLeg leg, string endpoint, string number, string kind, bool joinedHeld, LegSessionTimer? sessionTimer)
    {
        await progress.NotifyAsync("SIP/2.0 200 OK");
        var transfer = State.Transfer!;
        var callerLeaves = State.CallerLeg!.CallId == transfer.LeavingCallId;
        var leaving = callerLeaves ? State.CallerLeg! : State.CalleeLeg!;
        var leavingNumber = callerLeaves ? State.Caller : State.Ringing;
        if (!transfer.TransferorGone)
            await ending.LeaveAsync(call.Endpoint(callerLeaves), leavingNumber);
        await media.Node.BridgeAsync(call.Endpoint(!callerLeaves), endpoint);
        if (callerLeaves)
        {
            State.CallerLeg = leg;
            State.CallerEndpoint = endpoint;
            State.Caller = number;
            State.CallerSessionTimer = sessionTimer;
        }
        else
        {
            State.CalleeLeg = leg;
            State.CalleeEndpoint = endpoint;
            State.Ringing = number;
            State.CalleeSessionTimer = sessionTimer;
        }
        timers.Disarm(callerLeaves);
        timers.Arm(callerLeaves);
        await call.Parties.JoinAsync(number);
        State.RemoteCSeqs.Remove(leaving.CallId);
        var now = call.Now;
        State.History.Add(new DialPlanStep(kind, transfer.Transferor, number, now));
        State.Transfer = null;
        var wasHeld = State.Held;
        State.Held = false;
        await call.SaveAsync();
        if (!transfer.TransferorGone)
            await call.Edge!.SendAsync(new LegRequest("BYE", DialogLegs.Next(leaving), null));
        LogTransferred(call.Key, kind, leavingNumber, number);
        call.PublishCall("transferred", now);
        call.PublishExtension(number, "in-call", now);
        // RFC 3264 8.4: a transferor holds a party before transferring it, which left it offered sendonly; the new pairing
        // talks both ways.
        if (wasHeld)
            await ReInviteSendReceiveAsync(!callerLeaves);
        if (joinedHeld)
            await ReInviteSendReceiveAsync(callerLeaves);
    }

    /// <summary>
    /// Attended transfer, on the call that gives a leg away: the party named by <paramref name="replaced"/>'s dialog
    /// leaves (BYE), and the other leg, with its media endpoint, goes to the call that asked. Null when this call holds no
    /// such answered dialog.
    /// </summary>
    public async Task<HandedOverLeg?> GiveAsync(ReplacesDialog replaced)
    {
        var party = TransferPartyRule.ByReplaces(replaced, State.Phase, State.Transfer is not null, State.CallerLeg, State.CalleeLeg);
        if (party == LeavingParty.None)
            return null;
        var (caller, callee) = (State.CallerLeg!, State.CalleeLeg!);
        var callerLeaves = party == LeavingParty.Caller;
        var leaving = callerLeaves ? caller : callee;
        var given = callerLeaves ? callee : caller;
        var handed = new HandedOverLeg(given, call.Endpoint(!callerLeaves), State.RemoteCSeqs.GetValueOrDefault(given.CallId),
            callerLeaves ? State.Ringing : State.Caller, State.Held, (callerLeaves ? State.CalleeSessionTimer : State.CallerSessionTimer)?.ForRequest());
        // The given leg lives on in the other call: this call must neither release its endpoint nor forget its Call-ID.
        if (callerLeaves)
            State.CalleeEndpoint = "";
        else
            State.CallerEndpoint = "";
        State.LegCallIds.Remove(given.CallId);
        State.History.Add(new DialPlanStep("attended-transfer", callerLeaves ? State.Caller : State.Ringing, handed.Number, call.Now));
        await ending.EndAsync(CdrDisposition.Answered, "attended transfer", callerLeaves ? "caller" : "callee");
        if (call.Edge is { } edge)
            await edge.SendAsync(new LegRequest("BYE", DialogLegs.Next(leaving), null));
        return handed;
    }

    /// <summary>Attended transfer, on the call that asked: takes over the other party of the dialog named by Replaces and connects it to the party that stays here.</summary>
    public async Task TakeAsync(ReplacesDialog replaces)
    {
        HandedOverLeg? handed = null;
        await foreach (var otherKey in call.Grains.CallKeysOfLegAsync(replaces.CallId))
        {
            if (otherKey != call.Key && (handed = await call.Grains.Grain<ICallGrain>(otherKey).HandOverAsync(replaces)) is not null)
                break;
        }
        if (handed is null)
        {
            await progress.FailedAsync(new CallerResponse(481, "Call/Transaction Does Not Exist", null), CdrDisposition.Failed);
            return;
        }
        await call.BindLegsAsync([handed.Leg.CallId]);
        State.RemoteCSeqs[handed.Leg.CallId] = handed.RemoteCSeq;
        var sessionTimer = handed.SessionTimer is { Expires: { } seconds } timer ? new LegSessionTimer(seconds, timer.Refresher == SessionTimer.Uac) : null;
        await ReplaceLegAsync(handed.Leg, handed.EndpointId, handed.Number, "attended-transfer", handed.Held, sessionTimer);
    }

    /// <summary>
    /// The transferor hung up after its REFER, before the target answered (RFC 5589 section 6 allows it): its leg leaves
    /// now and the transfer goes on; the implicit subscription ends with its dialog, so no more NOTIFYs (RFC 3515 2.4.4).
    /// </summary>
    public async Task TransferorLeftAsync()
    {
        var transfer = State.Transfer!;
        transfer.TransferorGone = true;
        transfer.Notify = false;
        var callerLeaves = State.CallerLeg!.CallId == transfer.LeavingCallId;
        await ending.LeaveAsync(call.Endpoint(callerLeaves), callerLeaves ? State.Caller : State.Ringing);
        await call.SaveAsync();
    }

    private async Task ReInviteSendReceiveAsync(bool caller)
    {
        var leg = DialogLegs.Next(caller ? State.CallerLeg! : State.CalleeLeg!);
        if (caller)
            State.CallerLeg = leg;
        else
            State.CalleeLeg = leg;
        var offer = await media.Node.OfferAsync(call.Endpoint(caller), MediaDirection.SendReceive);
        await call.SaveAsync();
        await call.Edge!.ReInviteAsync(call.Key, new LegRequest("INVITE", leg, offer));
        await media.BridgeAsync();
    }

    [LoggerMessage(EventId = 2212, Level = LogLevel.Information, Message = "Call {CallId}: {Kind}, {Leaving} left and {Joined} joined")]
    private partial void LogTransferred(string callId, string kind, string leaving, string joined);
}
