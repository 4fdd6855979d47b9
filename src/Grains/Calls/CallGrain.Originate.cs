using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// Click-to-call: the PBX is the user agent client toward the originating extension (its phones ring with "Click to call
/// &lt;number&gt;"), and once one answers the call continues like a call that phone dialled: the dial plan, forks, forwards.
/// </summary>
public sealed partial class CallGrain
{
    // Until the SIP domain is configured for grains, the URIs of a call the PBX starts carry the default realm.
    private const string OriginateDomain = "pbx";

    /// <inheritdoc />
    public async Task<CallActionResult> OriginateAsync(OriginateRequest request)
    {
        if (State.Phase != CallPhase.None || Edge is not { } edge || string.IsNullOrEmpty(request.To) || request.To == request.From)
            return CallActionResult.NotApplicable;
        var originator = await Parties.StatusAsync(request.From);
        if (!originator.Exists || !originator.Enabled || originator.Bindings.Count == 0)
        {
            DeactivateOnIdle();
            return CallActionResult.NotApplicable;
        }
        var now = time.GetUtcNow();
        State.Phase = CallPhase.Ringing;
        State.Originated = true;
        State.Caller = request.From;
        State.Callee = request.To;
        State.Ringing = request.To;
        State.StartedAt = now;
        await journal.OpenAsync(new CdrOpened(CallKey, request.From, null, request.To, "internal", now));
        var self = GrainFactory.Grain<ICallGrain>(CallKey);
        var caller = await media.AllocateAsync(CallKey, self);
        var callee = caller.Succeeded ? await media.AllocateAsync(CallKey, self) : caller;
        State.CallerEndpoint = caller.Succeeded ? caller.EndpointId : "";
        State.CalleeEndpoint = callee.Succeeded ? callee.EndpointId : "";
        if (!callee.Succeeded)
        {
            LogMediaUnavailable(CallKey, callee.Reason);
            await EndAsync(CdrDisposition.Failed, "503 no media endpoint", "system");
            return CallActionResult.NotApplicable;
        }
        State.Transfer = new TransferState { Kind = TransferKind.Originate, Target = request.To, Transferor = request.From, Endpoint = State.CallerEndpoint };
        var offer = await media.OfferAsync(State.CallerEndpoint, MediaDirection.SendReceive);
        // RFC 3261 8.1.1.3: From is the PBX calling on behalf of the number to be dialled, shown as "Click to call <To>".
        var forks = await ForkAsync(originator.Bindings, request.From, $"sip:{request.To}@{OriginateDomain}", $"sip:{request.From}@{OriginateDomain}",
            offer, $"Click to call {request.To}", null);
        LogOriginating(CallKey, request.From, request.To, forks.Count);
        PublishCall("ringing", now);
        await edge.RingAsync(CallKey, forks, options.Value.NoAnswerTimeout);
        return CallActionResult.Done;
    }

    /// <summary>The originator answered: its leg becomes the caller's, and the number is called as if it had dialled it.</summary>
    private async Task OriginatorAnsweredAsync(DialogLeg leg, LegSessionTimer sessionTimer)
    {
        State.Transfer = null;
        State.CallerLeg = leg;
        State.CallerSessionTimer = sessionTimer;
        await Parties.JoinAsync(State.Caller);
        var now = time.GetUtcNow();
        PublishExtension(State.Caller, "in-call", now);
        State.CalleeOffer = await media.OfferAsync(State.CalleeEndpoint, MediaDirection.SendReceive);
        State.CallerDisplay = await CallerDisplayAsync(State.Caller, null);
        var target = await RouteAsync(State.Callee, now);
        var (forks, refusal) = target is { Length: > 0 } ? await RingAsync(target)
            : (null, target is null ? new CallerResponse(404, "Not Found", null) : new CallerResponse(486, "Busy Here", null));
        if (refusal is not null || forks is null)
        {
            await EndAsync(refusal?.Status == 486 ? CdrDisposition.Busy : CdrDisposition.Failed, $"{refusal?.Status} {refusal?.Reason}", "system");
            return;
        }
        LogRinging(CallKey, State.Caller, State.Ringing, forks.Count);
        // The answer and the callee's failures now take the path of any ringing call (forwards included).
        await Edge!.RingAsync(CallKey, forks, NoAnswerTimeout());
    }

    /// <summary>The originator hangs up while the number rings: the forks are cancelled and the attempt ends.</summary>
    private async Task<InDialogInstruction> OriginatorHungUpAsync()
    {
        // Its dialog is over: no BYE for it when the call ends.
        State.CallerLeg = null;
        await EndAsync(CdrDisposition.Cancelled, "BYE", "caller");
        return new InDialogInstruction(new CallerResponse(200, "OK", null), null);
    }
}
