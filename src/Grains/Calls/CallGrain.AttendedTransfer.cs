using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Calls;

/// <summary>
/// Attended transfer (RFC 3515 REFER whose Refer-To carries Replaces, RFC 3891): the transferor talks to one party on this
/// call and to another on a second call, then asks to connect the two. The second call hands its other leg, with its
/// media endpoint, over to this call; both phones keep their dialogs and RTP addresses, so no new INVITE is needed.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<HandedOverLeg?> HandOverAsync(ReplacesDialog replaced)
    {
        var party = TransferPartyRule.ByReplaces(replaced, State.Phase, State.Transfer is not null, State.CallerLeg, State.CalleeLeg);
        if (party == LeavingParty.None)
        {
            DeactivateIfNeverStarted();
            return null;
        }
        var (caller, callee) = (State.CallerLeg!, State.CalleeLeg!);
        var callerLeaves = party == LeavingParty.Caller;
        var leaving = callerLeaves ? caller : callee;
        var given = callerLeaves ? callee : caller;
        var handed = new HandedOverLeg(given, Endpoint(!callerLeaves), State.RemoteCSeqs.GetValueOrDefault(given.CallId),
            callerLeaves ? State.Ringing : State.Caller, State.Held, (callerLeaves ? State.CalleeSessionTimer : State.CallerSessionTimer)?.ForRequest());
        // The given leg lives on in the other call: this call must neither release its endpoint nor forget its Call-ID.
        if (callerLeaves)
            State.CalleeEndpoint = "";
        else
            State.CallerEndpoint = "";
        State.LegCallIds.Remove(given.CallId);
        State.History.Add(new DialPlanStep("attended-transfer", callerLeaves ? State.Caller : State.Ringing, handed.Number, time.GetUtcNow()));
        await EndAsync(CdrDisposition.Answered, "attended transfer", callerLeaves ? "caller" : "callee");
        if (Edge is { } edge)
            await edge.SendAsync(new LegRequest("BYE", DialogLegs.Next(leaving), null));
        return handed;
    }

    /// <summary>Takes over the other party of the dialog named by Replaces and connects it to the party that stays here.</summary>
    private async Task JoinReplacedAsync(ReplacesDialog replaces)
    {
        HandedOverLeg? handed = null;
        await foreach (var otherKey in GrainFactory.CallKeysOfLegAsync(replaces.CallId))
        {
            if (otherKey != CallKey && (handed = await GrainFactory.Grain<ICallGrain>(otherKey).HandOverAsync(replaces)) is not null)
                break;
        }
        if (handed is null)
        {
            await TransferFailedAsync(new CallerResponse(481, "Call/Transaction Does Not Exist", null), CdrDisposition.Failed);
            return;
        }
        await BindLegsAsync([handed.Leg.CallId]);
        State.RemoteCSeqs[handed.Leg.CallId] = handed.RemoteCSeq;
        var sessionTimer = handed.SessionTimer is { Expires: { } seconds } timer ? new LegSessionTimer(seconds, timer.Refresher == SessionTimer.Uac) : null;
        await ReplaceLegAsync(handed.Leg, handed.EndpointId, handed.Number, "attended-transfer", handed.Held, sessionTimer);
    }
}
