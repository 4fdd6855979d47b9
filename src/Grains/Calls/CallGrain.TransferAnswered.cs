using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// A transfer's target answered: the party that stays is bridged to it and the leaving leg gives way (blind and attended
/// transfer alike), or a click-to-call's first stage connects its originator.
/// </summary>
public sealed partial class CallGrain
{
    private async Task<CallInstruction> TransferAnsweredAsync(string forkId, DialogLeg leg, string? sdp, LegSessionTimer sessionTimer)
    {
        State.Forks.Remove(forkId);
        var cancel = State.CancelForks();
        var transfer = State.Transfer!;
        if (sdp is null || !await AcceptAnswerAsync(transfer.Endpoint, sdp))
        {
            await TransferFailedAsync(new CallerResponse(488, "Not Acceptable Here", null), CdrDisposition.Failed);
            return CallInstruction.Act(null, cancel, [DialogLegs.Next(leg)]);
        }
        State.RemoteCSeqs[leg.CallId] = 0;
        if (transfer.Kind == TransferKind.Originate)
            await OriginatorAnsweredAsync(leg, sessionTimer);
        else
            await ReplaceLegAsync(leg, transfer.Endpoint, transfer.Target, "blind-transfer", joinedHeld: false, sessionTimer);
        return CallInstruction.Act(null, cancel, []);
    }

    /// <summary>
    /// The transferor's leg gives way to <paramref name="leg"/> on <paramref name="endpoint"/>: the party that stays is
    /// bridged to it, the transferor gets NOTIFY 200 (when it sent REFER) and BYE, the CDR history records the transfer.
    /// A party left on hold (<paramref name="joinedHeld"/> for the joining one) is re-INVITEd to talk both ways; the joining
    /// leg brings its session timer (RFC 4028) and its extension now counts this call (call waiting).
    /// </summary>
    private async Task ReplaceLegAsync(DialogLeg leg, string endpoint, string number, string kind, bool joinedHeld, LegSessionTimer? sessionTimer)
    {
        await NotifyAsync("SIP/2.0 200 OK");
        var transfer = State.Transfer!;
        var callerLeaves = State.CallerLeg!.CallId == transfer.LeavingCallId;
        var leaving = callerLeaves ? State.CallerLeg! : State.CalleeLeg!;
        var leavingNumber = callerLeaves ? State.Caller : State.Ringing;
        if (!transfer.TransferorGone)
            await OnLegLeavingAsync(Endpoint(callerLeaves), leavingNumber);
        await media.BridgeAsync(Endpoint(!callerLeaves), endpoint);
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
        (callerLeaves ? _callerSessionTimer : _calleeSessionTimer)?.Dispose();
        ArmSessionTimer(callerLeaves);
        await Parties.JoinAsync(number);
        State.RemoteCSeqs.Remove(leaving.CallId);
        var now = time.GetUtcNow();
        State.History.Add(new DialPlanStep(kind, transfer.Transferor, number, now));
        State.Transfer = null;
        var wasHeld = State.Held;
        State.Held = false;
        await state.WriteStateAsync();
        if (!transfer.TransferorGone)
            await Edge!.SendAsync(new LegRequest("BYE", DialogLegs.Next(leaving), null));
        LogTransferred(CallKey, kind, leavingNumber, number);
        PublishCall("transferred", now);
        PublishExtension(number, "in-call", now);
        // RFC 3264 8.4: a transferor holds a party before transferring it, which left it offered sendonly; the new pairing
        // talks both ways.
        if (wasHeld)
            await ReInviteSendReceiveAsync(!callerLeaves);
        if (joinedHeld)
            await ReInviteSendReceiveAsync(callerLeaves);
    }

    private async Task ReInviteSendReceiveAsync(bool caller)
    {
        var leg = DialogLegs.Next(caller ? State.CallerLeg! : State.CalleeLeg!);
        if (caller)
            State.CallerLeg = leg;
        else
            State.CalleeLeg = leg;
        var offer = await media.OfferAsync(Endpoint(caller), MediaDirection.SendReceive);
        await state.WriteStateAsync();
        await Edge!.ReInviteAsync(CallKey, new LegRequest("INVITE", leg, offer));
        await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
    }

    /// <summary>
    /// A leg leaves a call that goes on (transfer): the recording of the pair it was in stops (the file holds that
    /// conversation), its endpoint is released, its extension leaves the call (call waiting) and is shown idle.
    /// </summary>
    private async Task OnLegLeavingAsync(string endpoint, string number)
    {
        await recorder.StopAsync(CallKey, State);
        await media.ReleaseAsync(endpoint);
        await Parties.LeaveAsync(number);
        PublishExtension(number, "idle", time.GetUtcNow());
    }
}
