using System.Globalization;
using Pbx.Data.Cdrs;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Trunks;

namespace Pbx.Grains.Calls;

/// <summary>
/// Calls through carrier trunks. Outbound: the dial rule picks the trunks, the caller's permission class guards against
/// toll fraud, the number goes out in the carrier's format with the caller ID the extension or trunk presents, and a
/// trunk that fails (5xx, timeout) or is full hands the call to the next one. Inbound: the DID is found and its extension rung.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallDecision> StartFromTrunkAsync(TrunkCallSetup setup)
    {
        if (State.Phase != CallPhase.None)
            return CallDecision.Refuse(482, "Loop Detected");
        // Before any state or trunk slot: the carrier retries with a longer interval (RFC 4028 section 7.3).
        if (SessionIntervalTooSmall(setup.SessionTimer) is { } tooSmall)
            return tooSmall;
        if (await trunkRouter.AdmitInboundAsync(CallKey, setup.TrunkId, setup.CallerNumber, setup.CalledCandidates, setup.OfferSdp) is not { } inbound)
            return CallDecision.Refuse(403, "Forbidden");
        State.Trunk = new TrunkCallState { Direction = "inbound", Number = inbound.Did };
        if (inbound.Refusal is { } refusal)
            return await RefuseInboundAsync(setup, inbound.Caller, inbound.Called, refusal);
        State.Trunk.TrunkId = inbound.TrunkId;
        // RFC 4028 applies to carriers as to phones: a dead carrier dialog is ended instead of holding its trunk slot.
        var decision = await StartAsync(new CallSetup(inbound.Caller, setup.CallerName, inbound.Target!, setup.CallerLeg, inbound.Offer, setup.Edge, setup.SessionTimer));
        await journal.WriteAsync(new CdrTrunkSet(CallKey, "inbound", inbound.TrunkId, setup.CallerLeg.CallId, inbound.Caller, inbound.Did));
        return decision;
    }

    /// <summary>Refuses an inbound trunk call with a CDR that names the trunk, the caller and the called number.</summary>
    private async Task<CallDecision> RefuseInboundAsync(TrunkCallSetup setup, string caller, string called, CallerResponse refusal)
    {
        var now = time.GetUtcNow();
        State.Phase = CallPhase.Ringing;
        State.Caller = caller;
        State.Callee = called;
        State.StartedAt = now;
        await journal.OpenAsync(new CdrOpened(CallKey, caller, setup.CallerName, called, "inbound", now));
        await journal.WriteAsync(new CdrTrunkSet(CallKey, "inbound", setup.TrunkId, setup.CallerLeg.CallId, caller, called));
        return await RefuseAsync(refusal.Status, refusal.Reason, CdrDisposition.Failed);
    }

    /// <summary>
    /// An outside number: routes it through the dial rules and offers it to the first trunk with a free slot. Null when the
    /// callee is an extension or no dial rule serves the number, so the internal dial plan answers (404 for unknown numbers).
    /// </summary>
    private async Task<CallDecision?> TryStartOutboundAsync(CallSetup setup, DateTimeOffset now)
    {
        if (await Parties.FindAsync(setup.Callee) is not null)
            return null;
        return await DialOutAsync(setup, setup.Callee, setup.Caller, now, openCdr: true);
    }

    /// <summary>
    /// Starts the call to the outside <paramref name="number"/> under the dial rules, permission class and caller ID of
    /// extension <paramref name="dialler"/> (the caller, or the extension that forwards). Null when no dial rule serves it.
    /// </summary>
    private async Task<CallDecision?> DialOutAsync(CallSetup setup, string number, string dialler, DateTimeOffset now, bool openCdr)
    {
        if (await trunkRouter.RouteOutboundAsync(CallKey, number, dialler, setup.CallerLeg.Address) is not { } route)
            return null;
        if (openCdr)
            await journal.OpenAsync(new CdrOpened(CallKey, setup.Caller, setup.CallerName, setup.Callee, "outbound", now));
        if (GoOut(route) is { } refusal)
            return await RefuseAsync(refusal.Status, refusal.Reason, CdrDisposition.Failed);
        State.Ringing = State.Trunk!.Number;
        if (!await AnchorMediaAsync(setup))
            return await RefuseAsync(488, "Not Acceptable Here", CdrDisposition.Failed);
        if (await NextTrunkForkAsync(State.CalleeOffer) is not { } fork)
            return await RefuseAsync(503, "Service Unavailable", CdrDisposition.Failed);
        LogRinging(CallKey, setup.Caller, State.Ringing, 1);
        PublishCall("ringing", now);
        // A call from a trunk forwarded back out has an outside number as its caller, no extension to show busy.
        if (CallerIsExtension)
            PublishExtension(setup.Caller, "in-call", now);
        return new CallDecision(null, [fork], NoAnswerTimeout());
    }

    /// <summary>
    /// The call becomes the outbound trunk call <paramref name="route"/> holds, keeping an inbound trunk side it had (a call
    /// from a trunk that goes back out); the refusal instead when the number may not go out.
    /// </summary>
    private CallerResponse? GoOut(OutboundTrunkCall route)
    {
        if (route.Refusal is { } refusal)
            return refusal;
        route.Call!.Inbound = State.Trunk is { Direction: "inbound" } inbound ? inbound : null;
        route.Call.WentOutAt = time.GetUtcNow();
        State.Trunk = route.Call;
        return null;
    }

    /// <summary>
    /// A trunk fork failed (<see cref="RingingMachine"/> decided how): its slot goes back, and the rule's next trunk gets
    /// the call, or the failure goes on as the machine said.
    /// </summary>
    private async Task<CallInstruction> FailOverAsync(TrunkFailed failed, ForkResponse? response)
    {
        await trunkRouter.ReleaseAsync(CallKey, failed.TrunkId);
        if (failed.Otherwise is not null)
            return await CarryOutAsync(failed.Otherwise, response);
        LogTrunkFailed(CallKey, failed.TrunkId, failed.Status, failed.Reason);
        if (await NextTrunkForkAsync(State.CalleeOffer) is { } next)
            return new CallInstruction(null, [], [], [next], NoAnswerTimeout());
        return await CarryOutAsync(failed.NoTrunkLeft, response);
    }

    /// <summary>
    /// The INVITE to the next trunk of the rule that is enabled, reachable, has a free call slot and one of whose codecs
    /// <paramref name="offer"/> (the media node's) lists; null when none is left.
    /// </summary>
    private async Task<ForkTarget?> NextTrunkForkAsync(string offer)
    {
        var call = State.Trunk!;
        if (await trunkRouter.NextAsync(CallKey, call, offer) is not { } choice)
            return null;
        var carrier = CarrierLegRule.Build(choice.Trunk, call, State.Caller, State.CallerDisplay);
        var leg = new DialogLeg(LegCallIds.ToCarrier(), carrier.FromUri, NewId(), carrier.ToUri, null,
            carrier.RequestUri, [], choice.Trunk.Transport, choice.Address.ToString(), choice.Trunk.Port, 1);
        var forkId = (State.NextForkId++).ToString(CultureInfo.InvariantCulture);
        State.Forks[forkId] = leg;
        await BindLegsAsync([leg.CallId]);
        await RecordTrunkOutAsync(call, leg.CallId);
        return new ForkTarget(forkId, leg, choice.Offer, carrier.CallerDisplay, ForkSessionTimer(),
            Trunk: new TrunkFork(choice.Trunk.Id, carrier.Identity, choice.Trunk.Privacy, choice.FailoverTimeout));
    }

    /// <summary>
    /// The CDR of an outbound call names the trunk it took. A call from a trunk that goes back out keeps its row as the
    /// inbound call it is (direction, DID, the carrier's Call-ID of the inbound trunk) and lists each outbound trunk it
    /// tried as a "trunk-out" step in the history, from the inbound trunk to the outside number.
    /// </summary>
    private async Task RecordTrunkOutAsync(TrunkCallState call, string carrierCallId)
    {
        if (call.Inbound is not { } inbound)
            await journal.WriteAsync(new CdrTrunkSet(CallKey, "outbound", call.TrunkId, carrierCallId, State.Caller, call.Number));
        else
            State.History.Add(new DialPlanStep("trunk-out", inbound.TrunkId, call.Number, time.GetUtcNow(), call.TrunkId));
    }

    /// <summary>Frees the call's slot on its trunk and, for a call from a trunk that went back out, on the inbound trunk too.</summary>
    private async Task ReleaseTrunkAsync()
    {
        if (State.Trunk is { Inbound.TrunkId.Length: > 0 } forwarded)
            await trunkRouter.ReleaseAsync(CallKey, forwarded.Inbound.TrunkId);
        if (State.Trunk is { Direction: "outbound" } outbound)
            await trunkRouter.EndOutboundAsync(CallKey, outbound, OutboundTalkSeconds(outbound));
        else if (State.Trunk is { TrunkId.Length: > 0 } inbound)
            await trunkRouter.ReleaseAsync(CallKey, inbound.TrunkId);
    }

    /// <summary>
    /// The talk time the dialler's daily budget counts: from the answer, or from when the call went out when that was
    /// later (a forward or transfer of an answered call; its outside ringing counts too, erring toward the budget).
    /// </summary>
    private long OutboundTalkSeconds(TrunkCallState outbound) =>
        State is { AnsweredAt: { } answered, EndedAt: { } ended }
            ? (long)Math.Max(0, (ended - (answered > outbound.WentOutAt ? answered : outbound.WentOutAt)).TotalSeconds)
            : 0;

    /// <summary>
    /// A way out (forward, transfer) that failed gives its outbound slot back, if it took one; the call is what it was
    /// before: internal, or an inbound trunk call still holding its inbound slot.
    /// </summary>
    private async Task ForgetOutboundTrunkAsync()
    {
        if (State.Trunk is { Direction: "outbound" } call)
            await trunkRouter.EndOutboundAsync(CallKey, call, talkSeconds: 0);
        State.Trunk = State.Trunk?.Inbound;
    }
}
