using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// Requests inside a call's dialogs: BYE from either side, re-INVITE and UPDATE with SDP re-anchored, and UPDATE in an
/// early dialog while the call rings (RFC 3311).
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<InDialogInstruction> OnInDialogRequestAsync(InDialogRequest request)
    {
        var side = SideOf(request.CallId);
        var fromCaller = side == DialogSide.Caller;
        uint? last = State.RemoteCSeqs.TryGetValue(request.CallId, out var seen) ? seen : null;
        var step = InDialogRule.Decide(new InDialogFacts(State.Phase, State.Originated, request.Method, side, request.CSeq, last,
            request.Sdp is not null, State.Transfer is { Kind: TransferKind.Blind } transfer && transfer.LeavingCallId == request.CallId,
            OfferPendingFromOtherSide(fromCaller)));
        if (InDialogRule.AdvancesCSeq(step, side))
            State.RemoteCSeqs[request.CallId] = request.CSeq;
        switch (step)
        {
            case InDialogStep.NoSuchDialog:
                return new InDialogInstruction(NoSuchDialog(), null);
            case InDialogStep.OutOfOrder:
                return Respond(500, "Server Internal Error");
            case InDialogStep.Glare:
                return Respond(491, "Request Pending");
            case InDialogStep.OriginatorHungUp:
                return await OriginatorHungUpAsync();
            case InDialogStep.EarlyUpdate:
                return await EarlyUpdateAsync(request, fromCaller);
            case InDialogStep.TransferorLeft:
                return await TransferorLeftAsync();
        }
        // RFC 4028 section 10: any re-INVITE or UPDATE on the leg refreshes its session.
        if (request.Method != "BYE")
            ArmSessionTimer(fromCaller);

        var other = fromCaller ? State.CalleeLeg! : State.CallerLeg!;
        other = other with { LocalCSeq = other.LocalCSeq + 1 };
        if (fromCaller)
            State.CalleeLeg = other;
        else
            State.CallerLeg = other;

        if (step == InDialogStep.Bye)
        {
            await EndAsync(CdrDisposition.Answered, "BYE", fromCaller ? "caller" : "callee");
            return new InDialogInstruction(new CallerResponse(200, "OK", null), new LegRequest("BYE", other, null));
        }
        if (request.Sdp is null)
        {
            // A refresh without an offer (session timers, RFC 4028): nothing to re-anchor, answer with our current view.
            var current = request.Method == "INVITE"
                ? await media.OfferAsync(Endpoint(fromCaller), MediaDirection.SendReceive)
                : null;
            await state.WriteStateAsync();
            return new InDialogInstruction(new CallerResponse(200, "OK", current, ResponseSessionTimer(fromCaller)), null);
        }
        string answer;
        string offer;
        try
        {
            // RFC 3264 section 8: the new offer is answered on its own leg's endpoint, and the other leg gets a fresh
            // offer from its endpoint, so hold (sendonly/inactive) reaches the other phone.
            answer = await media.AnswerAsync(Endpoint(fromCaller), request.Sdp);
            offer = await media.OfferAsync(Endpoint(!fromCaller), OtherLegDirection(request.Sdp));
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            await state.WriteStateAsync();
            return Respond(488, "Not Acceptable Here");
        }
        State.PendingAnswer = answer;
        State.OfferInFlight = new OfferInFlight(fromCaller, time.GetUtcNow());
        // RFC 3264 8.4: an offer of sendonly or inactive puts the other party on hold; sendrecv again resumes.
        var held = Mirror(request.Sdp) != MediaDirection.SendReceive;
        if (held != State.Held)
        {
            State.Held = held;
            PublishCall(held ? "held" : "resumed", time.GetUtcNow());
        }
        await state.WriteStateAsync();
        return new InDialogInstruction(null, new LegRequest(request.Method, other, offer, RequestSessionTimer(!fromCaller)));
    }

    /// <inheritdoc />
    public async Task<CallerResponse> OnForwardedResponseAsync(string fromCallId, int status, string? sdp, uint localCSeq)
    {
        var fromCaller = State.CallerLeg?.CallId == fromCallId;
        if ((fromCaller ? State.CalleeLeg : State.CallerLeg) is { } other && LocalCSeqUsed(other.CallId, localCSeq))
            await state.WriteStateAsync();
        var answer = State.PendingAnswer;
        State.PendingAnswer = null;
        State.OfferInFlight = null;
        if (State.Phase != CallPhase.Answered)
            return new CallerResponse(481, "Call/Transaction Does Not Exist", null);
        if (status is < 200 or >= 300 || sdp is null || answer is null)
            return new CallerResponse(status is >= 300 ? status : 488, status is >= 300 ? "Rejected by the other party" : "Not Acceptable Here", null);
        try
        {
            await media.AcceptAnswerAsync(Endpoint(!fromCaller), sdp);
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            return new CallerResponse(488, "Not Acceptable Here", null);
        }
        // A phone that holds (RFC 3264 8.4) leaves the other party in silence; the PBX gives it music on hold instead,
        // and bridging again on resume stops the music.
        if (State.Held)
            await PlayMusicOnHoldAsync(Endpoint(!fromCaller));
        else
            await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
        // The forwarded request refreshed the other leg's session too.
        ArmSessionTimer(!fromCaller);
        return new CallerResponse(200, "OK", answer, ResponseSessionTimer(fromCaller));
    }

    /// <summary>
    /// RFC 3311 section 5.2: an UPDATE in an early dialog (the caller's, or a ringing callee's after its 1xx) changes that
    /// leg's session only. The media anchor answers it from the leg's own endpoint, as for a re-INVITE, and the other leg,
    /// which has no dialog to carry it yet, keeps its media; the bridge follows the new address on its own.
    /// </summary>
    private async Task<InDialogInstruction> EarlyUpdateAsync(InDialogRequest request, bool fromCaller)
    {
        if (request.Sdp is null)
            return new InDialogInstruction(new CallerResponse(200, "OK", null), null);
        try
        {
            return new InDialogInstruction(new CallerResponse(200, "OK", await media.AnswerAsync(Endpoint(fromCaller), request.Sdp)), null);
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            return Respond(488, "Not Acceptable Here");
        }
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
        foreach (var fork in State.Forks.Values)
        {
            if (fork.CallId == callId)
                return DialogSide.RingingFork;
        }
        return DialogSide.Unknown;
    }

    /// <summary>
    /// An offer forwarded from the other party still awaits its answer. One older than a transaction's whole life (64*T1,
    /// RFC 3261 timer B) is taken as lost (its edge went away before reporting), so it cannot refuse the call's offers forever.
    /// </summary>
    private bool OfferPendingFromOtherSide(bool fromCaller) =>
        State.OfferInFlight is { } inFlight && inFlight.FromCaller != fromCaller && time.GetUtcNow() - inFlight.Since < Linger;

    private string Endpoint(bool caller) => caller ? State.CallerEndpoint : State.CalleeEndpoint;

    /// <summary>
    /// The direction to offer the other leg: a phone going on hold (its offer sendonly or inactive) puts the other party on
    /// hold too, offered sendonly so that the media node can send it music on hold (RFC 3264 8.4).
    /// </summary>
    private static MediaDirection OtherLegDirection(string offer) =>
        Mirror(offer) == MediaDirection.SendReceive ? MediaDirection.SendReceive : MediaDirection.SendOnly;

    /// <summary>The direction to offer the other leg for an offer with these attributes (RFC 3264 section 6.1).</summary>
    private static MediaDirection Mirror(string offer) =>
        offer.Contains("a=sendonly", StringComparison.Ordinal) ? MediaDirection.ReceiveOnly
        : offer.Contains("a=inactive", StringComparison.Ordinal) ? MediaDirection.Inactive
        : offer.Contains("a=recvonly", StringComparison.Ordinal) ? MediaDirection.SendOnly
        : MediaDirection.SendReceive;

    private static InDialogInstruction Respond(int status, string reason) => new(new CallerResponse(status, reason, null), null);
}
