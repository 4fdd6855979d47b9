using Microsoft.Extensions.Logging;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// How a transfer starts: asked by a phone with REFER (RFC 3515) or from the API. A blind transfer rings the target
/// through the dial plan on a media endpoint of its own while the two parties stay connected; an outside target is dialled
/// through the trunks under the transferor's rights, as if the transferor had dialled it.
/// </summary>
internal sealed partial class TransferRequests(CallContext call, CallRouting routing, CallMedia media, TrunkLegs trunks, TransferProgress progress, ILogger logger)
{
    private CallState State => call.State;

    /// <summary>A blind transfer asked from the API by <paramref name="transferor"/> (null: the callee side).</summary>
    public async Task<CallActionResult> FromApiAsync(string target, string? transferor)
    {
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
        if (await StartBlindAsync() is { } refusal)
        {
            progress.Refused(target, refusal.Status);
            return CallActionResult.NotApplicable;
        }
        return CallActionResult.Done;
    }

    /// <summary>A REFER on one of the call's dialogs (<see cref="ReferRule"/>): the answer to send (202 when accepted, kept then).</summary>
    public async Task<CallerResponse> ReferAsync(ReferRequest refer)
    {
        var fromCaller = State.CallerLeg?.CallId == refer.CallId;
        var onItsLegs = fromCaller || State.CalleeLeg?.CallId == refer.CallId;
        uint? last = State.RemoteCSeqs.TryGetValue(refer.CallId, out var seen) ? seen : null;
        var answer = ReferRule.Decide(new ReferFacts(State.Phase, onItsLegs, refer.CSeq, last, State.Transfer is not null, call.Edge is not null,
            PbxAnswered: State.CalleeLeg is null));
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
        await call.SaveAsync();
        return answer;
    }

    /// <summary>Rings the target through the dial plan on a new endpoint; the refusal when it cannot ring at all.</summary>
    public async Task<CallerResponse?> StartBlindAsync()
    {
        var transfer = State.Transfer!;
        var routed = await routing.RouteAsync(transfer.Target, call.Now);
        if (routed is null && await call.Parties.FindAsync(transfer.Target) is null)
            return await StartOutsideAsync(transfer);
        var target = routed is { Length: > 0 } ? await call.Parties.StatusAsync(routed) : null;
        if (TransferTargetRule.Refusal(new TransferTarget(routed, target is { Exists: true, Enabled: true, Bindings.Count: > 0 })) is { } refusal)
            return refusal;
        if (await TargetEndpointAsync(transfer) is not { } offer)
            return new CallerResponse(503, "Service Unavailable", null);
        var stayingIsCaller = State.CalleeLeg!.CallId == transfer.LeavingCallId;
        var staying = stayingIsCaller ? State.CallerLeg! : State.CalleeLeg!;
        // The target sees the party it will talk to: From is that party's URI, To the target's number at the same host.
        var forks = routing.Fork(target!.Bindings, routed!, staying.RemoteUri, WithUser(staying.RemoteUri, routed!), offer,
            stayingIsCaller ? State.CallerDisplay : State.Ringing, transfer.ReferredBy);
        return await RingAsync(transfer, forks, routed!);
    }

    /// <summary>Rings the outside target on a new endpoint through the first usable trunk; the refusal when it cannot.</summary>
    private async Task<CallerResponse?> StartOutsideAsync(TransferState transfer)
    {
        // A call from a trunk keeps its inbound slot next to the outbound one; an outbound trunk call is not sent out twice.
        var transferor = State.CallerLeg!.CallId == transfer.LeavingCallId ? State.CallerLeg : State.CalleeLeg!;
        if (await trunks.RouteAsync(transfer.Target, transfer.Transferor, transferor.Address) is not { } route)
            return new CallerResponse(404, "Not Found", null);
        if (trunks.GoOut(route) is { } refusal)
            return refusal;
        transfer.Outside = true;
        if (await TargetEndpointAsync(transfer) is not { } offer)
        {
            await trunks.ForgetOutboundAsync();
            return new CallerResponse(503, "Service Unavailable", null);
        }
        if (await trunks.NextForkAsync(offer) is not { } fork)
        {
            await trunks.ForgetOutboundAsync();
            await media.Node.ReleaseAsync(transfer.Endpoint);
            return new CallerResponse(503, "Service Unavailable", null);
        }
        return await RingAsync(transfer, [fork], transfer.Target);
    }

    private async Task<CallerResponse?> RingAsync(TransferState transfer, List<ForkTarget> forks, string target)
    {
        await call.SaveAsync();
        LogTransferRinging(call.Key, transfer.Transferor, target, forks.Count);
        await call.Edge!.RingAsync(call.Key, forks, routing.ConfiguredNoAnswerTimeout);
        return null;
    }

    /// <summary>The transfer target's own media endpoint (in <see cref="TransferState.Endpoint"/>) and its SDP offer; null when the node has none.</summary>
    private async Task<string?> TargetEndpointAsync(TransferState transfer)
    {
        if (await media.AllocateAsync() is not { } endpoint)
            return null;
        transfer.Endpoint = endpoint;
        return await media.Node.OfferAsync(endpoint, MediaDirection.SendReceive);
    }

    /// <summary><paramref name="uri"/> with its user part replaced by <paramref name="user"/>: sip:2001@host to sip:2003@host.</summary>
    private static string WithUser(string uri, string user)
    {
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        return at > colon ? $"{uri[..(colon + 1)]}{user}{uri[at..]}" : $"{uri[..(colon + 1)]}{user}@{uri[(colon + 1)..]}";
    }

    [LoggerMessage(EventId = 2210, Level = LogLevel.Information, Message = "Call {CallId}: {Transferor} transfers to {Target}, ringing {Forks} contact(s)")]
    private partial void LogTransferRinging(string callId, string transferor, string target, int forks);
}
