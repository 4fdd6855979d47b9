using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// Blind transfer: asked by a phone with REFER (RFC 3515; progress reported in NOTIFYs carrying message/sipfrag, RFC 3420)
/// or from the API. The target rings on a media endpoint of its own while the two parties stay connected; on answer the
/// party that stays is bridged to it and the transferor gets BYE; on failure the call goes on as it was.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallActionResult> TransferAsync(string target, string? transferor)
    {
        if (Admit(CallAction.Transfer) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        if (string.IsNullOrEmpty(target))
            return CallActionResult.NotApplicable;
        var leaving = TransferPartyRule.ByTransferor(transferor, State.Caller, State.Ringing) switch
        {
            LeavingParty.Caller => State.CallerLeg!,
            LeavingParty.Callee => State.CalleeLeg!,
            _ => null,
        };
        if (leaving is null)
            return CallActionResult.NotApplicable;
        State.Transfer = new TransferState
        {
            Kind = TransferKind.Blind, Target = target, Transferor = transferor ?? State.Ringing, LeavingCallId = leaving.CallId, Started = true,
        };
        if (await StartBlindTransferAsync() is { } refusal)
        {
            LogTransferFailed(CallKey, target, refusal.Status);
            State.Transfer = null;
            return CallActionResult.NotApplicable;
        }
        return CallActionResult.Done;
    }

    /// <inheritdoc />
    public async Task<CallerResponse> OnReferAsync(ReferRequest refer)
    {
        var fromCaller = State.CallerLeg?.CallId == refer.CallId;
        var onItsLegs = fromCaller || State.CalleeLeg?.CallId == refer.CallId;
        uint? last = State.RemoteCSeqs.TryGetValue(refer.CallId, out var seen) ? seen : null;
        var answer = ReferRule.Decide(new ReferFacts(State.Phase, onItsLegs, refer.CSeq, last, State.Transfer is not null, Edge is not null));
        if (answer.Status == 481)
            return NoSuchDialog();
        if (ReferRule.AdvancesCSeq(answer))
            State.RemoteCSeqs[refer.CallId] = refer.CSeq;
        if (answer != ReferRule.Accepted)
            return answer;
        State.Transfer = new TransferState
        {
            Kind = refer.Replaces is null ? TransferKind.Blind : TransferKind.Attended,
            Target = refer.Target,
            Transferor = fromCaller ? State.Caller : State.Ringing,
            LeavingCallId = refer.CallId,
            Notify = true,
            ReferredBy = refer.ReferredBy,
            Replaces = refer.Replaces,
        };
        // Written now so that a reactivated grain still knows the REFER it accepted.
        await state.WriteStateAsync();
        return answer;
    }

    /// <inheritdoc />
    public async Task OnReferAcceptedAsync(string legCallId)
    {
        if (State.Transfer is not { Started: false } transfer || transfer.LeavingCallId != legCallId)
            return;
        transfer.Started = true;
        // RFC 3515 2.4.5: the first NOTIFY says the referred request is being tried.
        await NotifyAsync("SIP/2.0 100 Trying");
        if (transfer.Replaces is { } replaces)
            await JoinReplacedAsync(replaces);
        else if (await StartBlindTransferAsync() is { } refusal)
            await TransferFailedAsync(refusal, CdrDisposition.Failed);
    }

    /// <summary>Rings the target through the dial plan on a new endpoint; the refusal when it cannot ring at all.</summary>
    private async Task<CallerResponse?> StartBlindTransferAsync()
    {
        var transfer = State.Transfer!;
        var routed = await RouteAsync(transfer.Target, time.GetUtcNow());
        if (routed is null && await Parties.FindAsync(transfer.Target) is null)
            return await TransferOutAsync(transfer);
        var target = routed is { Length: > 0 } ? await Parties.StatusAsync(routed) : null;
        if (TransferTargetRule.Refusal(new TransferTarget(routed, target is { Exists: true, Enabled: true, Bindings.Count: > 0 })) is { } refusal)
            return refusal;
        if (await AllocateTargetEndpointAsync(transfer) is not { } offer)
            return new CallerResponse(503, "Service Unavailable", null);
        var stayingIsCaller = State.CalleeLeg!.CallId == transfer.LeavingCallId;
        var staying = stayingIsCaller ? State.CallerLeg! : State.CalleeLeg!;
        // The target sees the party it will talk to: From is that party's URI, To the target's number at the same host.
        var forks = await ForkAsync(target!.Bindings, routed!, staying.RemoteUri, WithUser(staying.RemoteUri, routed!), offer,
            stayingIsCaller ? State.CallerDisplay : State.Ringing, transfer.ReferredBy);
        await state.WriteStateAsync();
        LogTransferRinging(CallKey, transfer.Transferor, routed!, forks.Count);
        await Edge!.RingAsync(CallKey, forks, options.Value.NoAnswerTimeout);
        return null;
    }

    /// <summary>The transfer target's own media endpoint (in <see cref="TransferState.Endpoint"/>) and its SDP offer; null when the node has none.</summary>
    private async Task<string?> AllocateTargetEndpointAsync(TransferState transfer)
    {
        var allocation = await media.AllocateAsync(CallKey, GrainFactory.Grain<ICallGrain>(CallKey));
        if (!allocation.Succeeded)
        {
            LogMediaUnavailable(CallKey, allocation.Reason);
            return null;
        }
        transfer.Endpoint = allocation.EndpointId;
        return await media.OfferAsync(allocation.EndpointId, MediaDirection.SendReceive);
    }

    private async Task<CallInstruction> OnTransferForkResponseAsync(ForkResponse response)
    {
        var fork = State.Forks[response.ForkId];
        if (response.Status < 200)
            return CallInstruction.None;
        if (response.Status < 300)
            return await TransferAnsweredAsync(response.ForkId, DialogLegs.Confirmed(fork, response), response.Sdp, UacSessionTimer(response.SessionTimer));
        State.Forks.Remove(response.ForkId);
        State.FailedStatuses.Add(response.Status);
        State.KeepSilentCarrierFork(response.ForkId, fork, response.Status);
        if (State.Forks.Count > 0)
            return CallInstruction.None;
        var (failure, disposition) = State.FailureOutcome();
        await TransferFailedAsync(failure, disposition);
        return CallInstruction.None;
    }

    private async Task<CallInstruction> OnTransferRingingEndedAsync()
    {
        var cancel = State.CancelForks();
        await TransferFailedAsync(new CallerResponse(480, "Temporarily Unavailable", null), CdrDisposition.NoAnswer);
        return CallInstruction.Act(null, cancel, []);
    }

    /// <summary>The transfer failed: the call goes on as it was; a REFER's transferor hears the final status (RFC 3515 2.4.5).</summary>
    private async Task TransferFailedAsync(CallerResponse failure, string disposition)
    {
        var transfer = State.Transfer!;
        if (transfer.Kind == TransferKind.Originate)
        {
            State.Transfer = null;
            await EndAsync(disposition, $"{failure.Status} {failure.Reason}", "caller");
            return;
        }
        LogTransferFailed(CallKey, transfer.Target, failure.Status);
        if (transfer.TransferorGone)
        {
            // Nobody is left to go back to: the party waiting for the target is hung up.
            var staying = DialogLegs.Next(State.CallerLeg!.CallId == transfer.LeavingCallId ? State.CalleeLeg! : State.CallerLeg!);
            await EndAsync(CdrDisposition.Answered, $"transfer failed: {failure.Status} {failure.Reason}", "system");
            await Edge!.SendAsync(new LegRequest("BYE", staying, null));
            return;
        }
        await NotifyAsync($"SIP/2.0 {failure.Status} {failure.Reason}");
        await ForgetTransferTrunkAsync(transfer);
        State.Transfer = null;
        if (transfer.Endpoint.Length > 0)
            await media.ReleaseAsync(transfer.Endpoint);
        await state.WriteStateAsync();
    }

    /// <summary>
    /// The transferor hung up after its REFER, before the target answered (RFC 5589 section 6 allows it): its leg leaves
    /// now and the transfer goes on; the implicit subscription ends with its dialog, so no more NOTIFYs (RFC 3515 2.4.4).
    /// </summary>
    private async Task<InDialogInstruction> TransferorLeftAsync()
    {
        var transfer = State.Transfer!;
        transfer.TransferorGone = true;
        transfer.Notify = false;
        var callerLeaves = State.CallerLeg!.CallId == transfer.LeavingCallId;
        await OnLegLeavingAsync(Endpoint(callerLeaves), callerLeaves ? State.Caller : State.Ringing);
        await state.WriteStateAsync();
        return Respond(200, "OK");
    }

    /// <summary>NOTIFY on the transferor's leg about the REFER (RFC 3515 2.4.4); nothing for a transfer asked from the API.</summary>
    private async Task NotifyAsync(string statusLine)
    {
        if (State.Transfer is not { Notify: true } transfer || Edge is not { } edge)
            return;
        DialogLeg leg;
        if (State.CallerLeg?.CallId == transfer.LeavingCallId)
            State.CallerLeg = leg = DialogLegs.Next(State.CallerLeg);
        else if (State.CalleeLeg?.CallId == transfer.LeavingCallId)
            State.CalleeLeg = leg = DialogLegs.Next(State.CalleeLeg);
        else
            return;
        await edge.SendAsync(new LegRequest("NOTIFY", leg, null, Sipfrag: statusLine));
    }

    /// <summary>
    /// The call ends with a transfer or a click-to-call still ringing: its forks are cancelled, the target's endpoint is
    /// released, and a click-to-call originator already connected gets BYE.
    /// </summary>
    private async Task OnEndingAsync()
    {
        var cancel = State.CancelForks();
        if (cancel.Count > 0 && Edge is { } edge)
            await edge.ApplyAsync(CallKey, CallInstruction.Act(null, cancel, []));
        if (State.Transfer is { } transfer && transfer.Endpoint.Length > 0 && transfer.Endpoint != State.CallerEndpoint && transfer.Endpoint != State.CalleeEndpoint)
            await media.ReleaseAsync(transfer.Endpoint);
        State.Transfer = null;
        if (State.Originated && State.Phase == CallPhase.Ringing && State.CallerLeg is { } originator && Edge is { } pbx)
            await pbx.SendAsync(new LegRequest("BYE", DialogLegs.Next(originator), null));
    }

    /// <summary><paramref name="uri"/> with its user part replaced by <paramref name="user"/>: sip:2001@host to sip:2003@host.</summary>
    private static string WithUser(string uri, string user)
    {
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        return at > colon ? $"{uri[..(colon + 1)]}{user}{uri[at..]}" : $"{uri[..(colon + 1)]}{user}@{uri[(colon + 1)..]}";
    }
}
