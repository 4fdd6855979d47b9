using Microsoft.Extensions.Logging;
using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// Click-to-call: the PBX is the user agent client toward the originating extension (its phones ring with "Click to call
/// &lt;number&gt;"), and once one answers the call continues like a call that phone dialled: the dial plan, forks, forwards.
/// </summary>
internal sealed partial class ClickToCall(CallContext call, CallRouting routing, CallMedia media, CallEnding ending, ILogger logger)
{
    // Until the SIP domain is configured for grains, the URIs of a call the PBX starts carry the default realm.
    private const string OriginateDomain = "pbx";

    private CallState State => call.State;

    /// <summary>Rings the phones of <c>From</c>; the call to <c>To</c> starts once one answers.</summary>
    public async Task<CallActionResult> StartAsync(OriginateRequest request)
    {
        if (State.Phase != CallPhase.None || call.Edge is not { } edge || string.IsNullOrEmpty(request.To) || request.To == request.From)
            return CallActionResult.NotApplicable;
        var originator = await call.Parties.StatusAsync(request.From);
        if (!originator.Exists || !originator.Enabled || originator.Bindings.Count == 0)
        {
            call.Deactivate();
            return CallActionResult.NotApplicable;
        }
        var now = call.Now;
        State.Phase = CallPhase.Ringing;
        State.Originated = true;
        State.Caller = request.From;
        State.Callee = request.To;
        State.Ringing = request.To;
        State.StartedAt = now;
        await call.Journal.OpenAsync(new CdrOpened(call.Key, request.From, null, request.To, "internal", now));
        State.CallerEndpoint = await media.AllocateAsync() ?? "";
        State.CalleeEndpoint = State.CallerEndpoint.Length > 0 ? await media.AllocateAsync() ?? "" : "";
        if (State.CalleeEndpoint.Length == 0)
        {
            await ending.EndAsync(CdrDisposition.Failed, "503 no media endpoint", "system");
            return CallActionResult.NotApplicable;
        }
        State.Transfer = new TransferState { Kind = TransferKind.Originate, Target = request.To, Transferor = request.From, Endpoint = State.CallerEndpoint };
        var offer = await media.Node.OfferAsync(State.CallerEndpoint, MediaDirection.SendReceive);
        // RFC 3261 8.1.1.3: From is the PBX calling on behalf of the number to be dialled, shown as "Click to call <To>".
        var forks = routing.Fork(originator.Bindings, request.From, $"sip:{request.To}@{OriginateDomain}", $"sip:{request.From}@{OriginateDomain}",
            offer, $"Click to call {request.To}", null);
        LogOriginating(call.Key, request.From, request.To, forks.Count);
        call.PublishCall("ringing", now);
        await edge.RingAsync(call.Key, forks, routing.ConfiguredNoAnswerTimeout);
        return CallActionResult.Done;
    }

    /// <summary>The originator answered: its leg becomes the caller's, and the number is called as if it had dialled it.</summary>
    public async Task AnsweredAsync(DialogLeg leg, LegSessionTimer sessionTimer)
    {
        State.Transfer = null;
        State.CallerLeg = leg;
        State.CallerSessionTimer = sessionTimer;
        await call.Parties.JoinAsync(State.Caller);
        var now = call.Now;
        call.PublishExtension(State.Caller, "in-call", now);
        State.CalleeOffer = await media.Node.OfferAsync(State.CalleeEndpoint, MediaDirection.SendReceive);
        State.CallerDisplay = await routing.CallerDisplayAsync(State.Caller, null);
        var target = await routing.RouteAsync(State.Callee, now);
        var (forks, refusal) = target is { Length: > 0 } ? await routing.RingAsync(target)
            : (null, target is null ? new CallerResponse(404, "Not Found", null) : CallRouting.BusyHere);
        if (refusal is not null || forks is null)
        {
            await ending.EndAsync(refusal?.Status == 486 ? CdrDisposition.Busy : CdrDisposition.Failed, $"{refusal?.Status} {refusal?.Reason}", "system");
            return;
        }
        routing.LogRinging(call.Key, State.Caller, State.Ringing, forks.Count);
        // The answer and the callee's failures now take the path of any ringing call (forwards included).
        await call.Edge!.RingAsync(call.Key, forks, routing.NoAnswerTimeout());
    }

    /// <summary>The originator hangs up while the number rings: the forks are cancelled and the attempt ends.</summary>
    public async Task HungUpAsync()
    {
        // Its dialog is over: no BYE for it when the call ends.
        State.CallerLeg = null;
        await ending.EndAsync(CdrDisposition.Cancelled, "BYE", "caller");
    }

    [LoggerMessage(EventId = 2214, Level = LogLevel.Information, Message = "Call {CallId}: click-to-call {From} -> {To}, ringing {Forks} contact(s) of {From}")]
    private partial void LogOriginating(string callId, string from, string to, int forks);
}
