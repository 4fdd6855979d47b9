using Microsoft.Extensions.Logging;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// Requests inside one call's dialogs once <see cref="InDialogRule"/> has judged them: BYE from either side, re-INVITE and
/// UPDATE with SDP re-anchored (the answer on the sender's leg, a new offer forwarded to the other), session refreshes,
/// UPDATE in an early dialog (RFC 3311); and hold and resume asked from outside, where the PBX re-INVITEs both phones.
/// </summary>
internal sealed partial class InDialogRequests(CallContext call, CallMedia media, CallTimers timers, CallEnding ending, ILogger logger)
{
    // An offer forwarded to the other leg and unanswered this long (64*T1, RFC 3261 timer B) is taken as lost.
    private static readonly TimeSpan OfferLifetime = TimeSpan.FromSeconds(32);

    private CallState State => call.State;

    /// <summary>Judges <paramref name="request"/> and takes its CSeq as the dialog's last one when the rule says it counts.</summary>
    public InDialogStep Judge(InDialogRequest request)
    {
        var side = SideOf(request.CallId);
        uint? last = State.RemoteCSeqs.TryGetValue(request.CallId, out var seen) ? seen : null;
        var step = InDialogRule.Decide(new InDialogFacts(State.Phase, State.Originated, request.Method, side, request.CSeq, last,
            request.Sdp is not null, State.Transfer is { Kind: TransferKind.Blind } transfer && transfer.LeavingCallId == request.CallId,
            OfferPendingFromOtherSide(side == DialogSide.Caller), PbxAnswered: State.CalleeLeg is null));
        if (InDialogRule.AdvancesCSeq(step, side))
            State.RemoteCSeqs[request.CallId] = request.CSeq;
        return step;
    }

    /// <summary>
    /// Carries out a BYE, refresh or re-offer on an answered call (<see cref="InDialogStep.Bye"/>, <see cref="InDialogStep.Refresh"/>,
    /// <see cref="InDialogStep.Reoffer"/>, and their forms while the PBX itself is the caller's far end).
    /// </summary>
    public async Task<InDialogInstruction> AnsweredAsync(InDialogStep step, InDialogRequest request)
    {
        var fromCaller = State.CallerLeg?.CallId == request.CallId;
        // RFC 4028 section 10: any re-INVITE or UPDATE on the leg refreshes its session.
        if (step is not (InDialogStep.Bye or InDialogStep.ByeToPbx))
            timers.Arm(fromCaller);
        switch (step)
        {
            case InDialogStep.ByeToPbx:
                await ending.EndAsync(CdrDisposition.Answered, "BYE", "caller");
                return new InDialogInstruction(Ok(null), null);
            case InDialogStep.ReofferToPbx:
                return await AnswerHereAsync(request, fromCaller);
            case InDialogStep.Refresh:
                // A refresh without an offer (session timers, RFC 4028): nothing to re-anchor, answer with our current view.
                var current = request.Method == "INVITE" ? await media.Node.OfferAsync(call.Endpoint(fromCaller), MediaDirection.SendReceive) : null;
                await call.SaveAsync();
                return new InDialogInstruction(new CallerResponse(200, "OK", current, timers.ForResponse(fromCaller)), null);
        }
        var other = DialogLegs.Next(fromCaller ? State.CalleeLeg! : State.CallerLeg!);
        if (fromCaller)
            State.CalleeLeg = other;
        else
            State.CallerLeg = other;
        if (step != InDialogStep.Bye)
            return await ReofferAsync(request, fromCaller, other);
        await ending.EndAsync(CdrDisposition.Answered, "BYE", fromCaller ? "caller" : "callee");
        return new InDialogInstruction(Ok(null), new LegRequest("BYE", other, null));
    }

    /// <summary>
    /// RFC 3311 section 5.2: an UPDATE in an early dialog (the caller's, or a ringing callee's after its 1xx) changes that
    /// leg's session only. The media anchor answers it from the leg's own endpoint, as for a re-INVITE, and the other leg,
    /// which has no dialog to carry it yet, keeps its media; the bridge follows the new address on its own.
    /// </summary>
    public Task<InDialogInstruction> EarlyUpdateAsync(InDialogRequest request) =>
        AnswerHereAsync(request, State.CallerLeg?.CallId == request.CallId);

    /// <summary>The other leg answered the offer forwarded to it: the sender of the re-INVITE or UPDATE gets its answer.</summary>
    public async Task<CallerResponse> ForwardedResponseAsync(string fromCallId, int status, string? sdp, uint localCSeq)
    {
        var fromCaller = State.CallerLeg?.CallId == fromCallId;
        if ((fromCaller ? State.CalleeLeg : State.CallerLeg) is { } other && LocalCSeqUsed(other.CallId, localCSeq))
            await call.SaveAsync();
        var answer = State.PendingAnswer;
        State.PendingAnswer = null;
        State.OfferInFlight = null;
        if (State.Phase != CallPhase.Answered)
            return new CallerResponse(481, "Call/Transaction Does Not Exist", null);
        if (status is < 200 or >= 300 || sdp is null || answer is null)
            return new CallerResponse(status is >= 300 ? status : 488, status is >= 300 ? "Rejected by the other party" : "Not Acceptable Here", null);
        if (!await media.CompleteReofferAsync(!fromCaller, sdp))
            return new CallerResponse(488, "Not Acceptable Here", null);
        // The forwarded request refreshed the other leg's session too.
        timers.Arm(!fromCaller);
        return new CallerResponse(200, "OK", answer, timers.ForResponse(fromCaller));
    }

    /// <summary>Hold or resume asked from outside (API, console): both phones are re-INVITEd and hear music on hold while held.</summary>
    public async Task HoldAsync(bool hold)
    {
        var (edge, caller, callee) = (call.Edge!, DialogLegs.Next(State.CallerLeg!), DialogLegs.Next(State.CalleeLeg!));
        State.CallerLeg = caller;
        State.CalleeLeg = callee;
        State.Held = hold;
        // RFC 3264 8.4: offering sendonly tells each phone it is held (it stops sending); the node keeps sending it music.
        var direction = hold ? MediaDirection.SendOnly : MediaDirection.SendReceive;
        if (hold)
            await media.Node.UnbridgeAsync(State.CallerEndpoint);
        var callerOffer = await media.Node.OfferAsync(State.CallerEndpoint, direction);
        var calleeOffer = await media.Node.OfferAsync(State.CalleeEndpoint, direction);
        await call.SaveAsync();
        await Task.WhenAll(
            edge.ReInviteAsync(call.Key, new LegRequest("INVITE", caller, callerOffer, timers.ForRequest(caller: true))),
            edge.ReInviteAsync(call.Key, new LegRequest("INVITE", callee, calleeOffer, timers.ForRequest(caller: false))));
        if (hold)
            await Task.WhenAll(media.PlayMusicOnHoldAsync(State.CallerEndpoint), media.PlayMusicOnHoldAsync(State.CalleeEndpoint));
        else
            await media.BridgeAsync(); // Bridging stops the music on both endpoints.
        call.PublishCall(hold ? "held" : "resumed", call.Now);
    }

    /// <summary>A phone answered a re-INVITE the PBX sent it (hold, resume, a transfer's new pairing).</summary>
    public async Task LegAnsweredAsync(string legCallId, int status, string? sdp, uint localCSeq)
    {
        // In memory only: this call interleaves with the hold that sent the re-INVITEs of both legs at once, and two state
        // writes must not overlap; the next write of the call keeps it.
        LocalCSeqUsed(legCallId, localCSeq);
        if (status is < 200 or >= 300 || sdp is null)
        {
            LogReInviteRefused(call.Key, legCallId, status);
            return;
        }
        await media.AcceptAnswerAsync(call.Endpoint(State.CallerLeg?.CallId == legCallId), sdp);
    }

    /// <summary>An offer answered from the sender's own endpoint alone: nothing is forwarded to another leg.</summary>
    private async Task<InDialogInstruction> AnswerHereAsync(InDialogRequest request, bool fromCaller)
    {
        if (request.Sdp is null)
            return new InDialogInstruction(Ok(null), null);
        return await media.AnswerAsync(call.Endpoint(fromCaller), request.Sdp) is { } answer
            ? new InDialogInstruction(Ok(answer), null)
            : Respond(488, "Not Acceptable Here");
    }

    private async Task<InDialogInstruction> ReofferAsync(InDialogRequest request, bool fromCaller, DialogLeg other)
    {
        if (await media.ReofferAsync(fromCaller, request.Sdp!) is not { } negotiated)
        {
            await call.SaveAsync();
            return Respond(488, "Not Acceptable Here");
        }
        var (answer, offer) = negotiated;
        State.PendingAnswer = answer;
        State.OfferInFlight = new OfferInFlight(fromCaller, call.Now);
        var held = HoldRule.Holds(request.Sdp!);
        if (held != State.Held)
        {
            State.Held = held;
            call.PublishCall(held ? "held" : "resumed", call.Now);
        }
        await call.SaveAsync();
        return new InDialogInstruction(null, new LegRequest(request.Method, other, offer, timers.ForRequest(!fromCaller)));
    }

    /// <summary>
    /// The edge sent a request on the leg <paramref name="legCallId"/> with CSeq <paramref name="cseq"/>, above the grain's
    /// when it retried a re-INVITE after 491 (RFC 3261 14.1): the next request continues from it (RFC 3261 12.2.1.1). True
    /// when the leg changed, for the caller to persist.
    /// </summary>
    private bool LocalCSeqUsed(string legCallId, uint cseq)
    {
        if (State.CallerLeg is { } caller && caller.CallId == legCallId && cseq > caller.LocalCSeq)
            State.CallerLeg = caller with { LocalCSeq = cseq };
        else if (State.CalleeLeg is { } callee && callee.CallId == legCallId && cseq > callee.LocalCSeq)
            State.CalleeLeg = callee with { LocalCSeq = cseq };
        else
            return false;
        return true;
    }

    private DialogSide SideOf(string callId)
    {
        if (State.CallerLeg?.CallId == callId)
            return DialogSide.Caller;
        if (State.CalleeLeg?.CallId == callId)
            return DialogSide.Callee;
        return State.Forks.Values.Any(fork => fork.CallId == callId) ? DialogSide.RingingFork : DialogSide.Unknown;
    }

    /// <summary>
    /// An offer forwarded from the other party still awaits its answer. One older than a transaction's whole life is taken
    /// as lost (its edge went away before reporting), so it cannot refuse the call's offers forever.
    /// </summary>
    private bool OfferPendingFromOtherSide(bool fromCaller) =>
        State.OfferInFlight is { } inFlight && inFlight.FromCaller != fromCaller && call.Now - inFlight.Since < OfferLifetime;

    private static CallerResponse Ok(string? sdp) => new(200, "OK", sdp);

    public static InDialogInstruction Respond(int status, string reason) => new(new CallerResponse(status, reason, null), null);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Warning, Message = "Call {CallId}: re-INVITE on leg {LegCallId} answered {Status}")]
    private partial void LogReInviteRefused(string callId, string legCallId, int status);
}
