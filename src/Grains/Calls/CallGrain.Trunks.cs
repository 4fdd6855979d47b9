using Pbx.Data.Cdrs;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Calls;

/// <summary>
/// Calls that start through carrier trunks. Outbound: the dial rule picks the trunks, the caller's permission class guards
/// against toll fraud, and a trunk that fails (5xx, timeout) or is full hands the call to the next one (<see cref="TrunkLegs"/>).
/// Inbound: the DID is found and its extension rung.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallDecision> StartFromTrunkAsync(TrunkCallSetup setup)
    {
        if (State.Phase != CallPhase.None)
            return CallDecision.Refuse(482, "Loop Detected");
        // Before any state or trunk slot: the carrier retries with a longer interval (RFC 4028 section 7.3).
        if (Parts.Timers.IntervalTooSmall(setup.SessionTimer) is { } tooSmall)
            return tooSmall;
        if (await Parts.Trunks.Router.AdmitInboundAsync(CallKey, setup.TrunkId, setup.CallerNumber, setup.CalledCandidates, setup.OfferSdp) is not { } inbound)
            return CallDecision.Refuse(403, "Forbidden");
        State.Trunk = new TrunkCallState { Direction = "inbound", Number = inbound.Did };
        if (inbound.Refusal is { } refusal)
            return await RefuseInboundAsync(setup, inbound.Caller, inbound.Called, refusal);
        State.Trunk.TrunkId = inbound.TrunkId;
        // RFC 4028 applies to carriers as to phones: a dead carrier dialog is ended instead of holding its trunk slot.
        var decision = await StartAsync(new CallSetup(inbound.Caller, setup.CallerName, inbound.Target ?? inbound.Did, setup.CallerLeg, inbound.Offer,
            setup.Edge, setup.SessionTimer), inbound.MenuId);
        await Call.Journal.WriteAsync(new CdrTrunkSet(CallKey, "inbound", inbound.TrunkId, setup.CallerLeg.CallId, inbound.Caller, inbound.Did));
        return decision;
    }

    /// <summary>Refuses an inbound trunk call with a CDR that names the trunk, the caller and the called number.</summary>
    private async Task<CallDecision> RefuseInboundAsync(TrunkCallSetup setup, string caller, string called, CallerResponse refusal)
    {
        var now = Call.Now;
        State.Phase = CallPhase.Ringing;
        State.Caller = caller;
        State.Callee = called;
        State.StartedAt = now;
        await Call.Journal.OpenAsync(new CdrOpened(CallKey, caller, setup.CallerName, called, "inbound", now));
        await Call.Journal.WriteAsync(new CdrTrunkSet(CallKey, "inbound", setup.TrunkId, setup.CallerLeg.CallId, caller, called));
        return await Parts.Ending.RefuseAsync(refusal.Status, refusal.Reason, CdrDisposition.Failed);
    }

    /// <summary>
    /// An outside number: routes it through the dial rules and offers it to the first trunk with a free slot. Null when the
    /// callee is an extension or no dial rule serves the number, so the internal dial plan answers (404 for unknown numbers).
    /// </summary>
    private async Task<CallDecision?> TryStartOutboundAsync(CallSetup setup, DateTimeOffset now)
    {
        if (await Call.Parties.FindAsync(setup.Callee) is not null)
            return null;
        return await DialOutAsync(setup, setup.Callee, setup.Caller, now, openCdr: true);
    }

    /// <summary>
    /// The unconditional (or do-not-disturb busy) forward chain ended at a number that is no extension: dial it out as
    /// the last forwarding extension. Null when the chain did not forward, loops, or no dial rule serves the number.
    /// </summary>
    private async Task<CallDecision?> ForwardAlwaysOutAsync(CallSetup setup, DateTimeOffset now)
    {
        // A call from a trunk goes out too, holding both slots; one already out through a trunk is not sent out again.
        if (State.History.Count == 0)
            return null;
        var step = State.History[^1];
        if (await Call.Parties.FindAsync(step.To) is not null)
            return null;
        return await DialOutAsync(setup, step.To, step.From, now, openCdr: false);
    }

    /// <summary>
    /// Starts the call to the outside <paramref name="number"/> under the dial rules, permission class and caller ID of
    /// extension <paramref name="dialler"/> (the caller, or the extension that forwards). Null when no dial rule serves it.
    /// </summary>
    private async Task<CallDecision?> DialOutAsync(CallSetup setup, string number, string dialler, DateTimeOffset now, bool openCdr)
    {
        var (trunks, ending) = (Parts.Trunks, Parts.Ending);
        if (await trunks.RouteAsync(number, dialler, setup.CallerLeg.Address) is not { } route)
            return null;
        if (openCdr)
            await Call.Journal.OpenAsync(new CdrOpened(CallKey, setup.Caller, setup.CallerName, setup.Callee, "outbound", now));
        if (trunks.GoOut(route) is { } refusal)
            return await ending.RefuseAsync(refusal.Status, refusal.Reason, CdrDisposition.Failed);
        State.Ringing = State.Trunk!.Number;
        if (!await AnchorMediaAsync(setup))
            return await ending.RefuseAsync(488, "Not Acceptable Here", CdrDisposition.Failed);
        if (await trunks.NextForkAsync(State.CalleeOffer) is not { } fork)
            return await ending.RefuseAsync(503, "Service Unavailable", CdrDisposition.Failed);
        Parts.Routing.LogRinging(CallKey, setup.Caller, State.Ringing, 1);
        Call.PublishCall("ringing", now);
        // A call from a trunk forwarded back out has an outside number as its caller, no extension to show busy.
        if (Call.CallerIsExtension)
            Call.PublishExtension(setup.Caller, "in-call", now);
        return new CallDecision(null, [fork], Parts.Routing.NoAnswerTimeout());
    }

    /// <summary>
    /// A trunk fork failed (<see cref="RingingMachine"/> decided how): its slot goes back, and the rule's next trunk gets
    /// the call, or the failure goes on as the machine said.
    /// </summary>
    private async Task<CallInstruction> FailOverAsync(TrunkFailed failed, ForkResponse? response)
    {
        await Parts.Trunks.FailedAsync(failed);
        if (failed.Otherwise is not null)
            return await CarryOutAsync(failed.Otherwise, response);
        if (await Parts.Trunks.NextForkAsync(State.CalleeOffer) is { } next)
            return new CallInstruction(null, [], [], [next], Parts.Routing.NoAnswerTimeout());
        return await CarryOutAsync(failed.NoTrunkLeft, response);
    }
}
