using System.Globalization;
using Microsoft.Extensions.Logging;
using Pbx.Data.Cdrs;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Trunks;

namespace Pbx.Grains.Calls;

/// <summary>
/// One call's side through carrier trunks (the <see cref="TrunkRouter"/> chooses, this keeps the call's state in step):
/// going out on a route, the INVITE to the next usable trunk, the CDR naming the trunk, and the slots given back when the
/// call ends or a way out fails.
/// </summary>
internal sealed partial class TrunkLegs(CallContext call, TrunkRouter router, CallTimers timers, ILogger logger)
{
    private CallState State => call.State;

    public TrunkRouter Router => router;

    /// <summary>
    /// The call becomes the outbound trunk call <paramref name="route"/> holds, keeping an inbound trunk side it had (a call
    /// from a trunk that goes back out); the refusal instead when the number may not go out.
    /// </summary>
    public CallerResponse? GoOut(OutboundTrunkCall route)
    {
        if (route.Refusal is { } refusal)
            return refusal;
        route.Call!.Inbound = State.Trunk is { Direction: "inbound" } inbound ? inbound : null;
        route.Call.WentOutAt = call.Now;
        State.Trunk = route.Call;
        return null;
    }

    /// <summary>The route for <paramref name="number"/> dialled by <paramref name="dialler"/>, unless the call already went out through a trunk.</summary>
    public async Task<OutboundTrunkCall?> RouteAsync(string number, string dialler, string callerAddress) =>
        State.Trunk is { Direction: "outbound" } ? null : await router.RouteOutboundAsync(call.Key, number, dialler, callerAddress);

    /// <summary>
    /// The INVITE to the next trunk of the rule that is enabled, reachable, has a free call slot and one of whose codecs
    /// <paramref name="offer"/> (the media node's) lists; null when none is left.
    /// </summary>
    public async Task<ForkTarget?> NextForkAsync(string offer)
    {
        var trunkCall = State.Trunk!;
        if (await router.NextAsync(call.Key, trunkCall, offer) is not { } choice)
            return null;
        var carrier = CarrierLegRule.Build(choice.Trunk, trunkCall, State.Caller, State.CallerDisplay);
        var leg = new DialogLeg(LegCallIds.ToCarrier(), carrier.FromUri, DialogLegs.NewTag(), carrier.ToUri, null,
            carrier.RequestUri, [], choice.Trunk.Transport, choice.Address.ToString(), choice.Trunk.Port, 1);
        var forkId = (State.NextForkId++).ToString(CultureInfo.InvariantCulture);
        State.Forks[forkId] = leg;
        await call.BindLegsAsync([leg.CallId]);
        await RecordTrunkOutAsync(trunkCall, leg.CallId);
        return new ForkTarget(forkId, leg, choice.Offer, carrier.CallerDisplay, timers.ForFork(),
            Trunk: new TrunkFork(choice.Trunk.Id, carrier.Identity, choice.Trunk.Privacy, choice.FailoverTimeout));
    }

    /// <summary>A trunk failed the call: its slot goes back (the next one is asked for with <see cref="NextForkAsync"/>).</summary>
    public async Task FailedAsync(TrunkFailed failed)
    {
        await router.ReleaseAsync(call.Key, failed.TrunkId);
        if (failed.Otherwise is null)
            LogTrunkFailed(call.Key, failed.TrunkId, failed.Status, failed.Reason);
    }

    /// <summary>Frees the call's slot on its trunk and, for a call from a trunk that went back out, on the inbound trunk too.</summary>
    public async Task ReleaseAsync()
    {
        if (State.Trunk is { Inbound.TrunkId.Length: > 0 } forwarded)
            await router.ReleaseAsync(call.Key, forwarded.Inbound.TrunkId);
        if (State.Trunk is { Direction: "outbound" } outbound)
            await router.EndOutboundAsync(call.Key, outbound, OutboundTalkSeconds(outbound));
        else if (State.Trunk is { TrunkId.Length: > 0 } inbound)
            await router.ReleaseAsync(call.Key, inbound.TrunkId);
    }

    /// <summary>
    /// A way out (forward, transfer) that failed gives its outbound slot back, if it took one; the call is what it was
    /// before: internal, or an inbound trunk call still holding its inbound slot.
    /// </summary>
    public async Task ForgetOutboundAsync()
    {
        if (State.Trunk is { Direction: "outbound" } outbound)
            await router.EndOutboundAsync(call.Key, outbound, talkSeconds: 0);
        State.Trunk = State.Trunk?.Inbound;
    }

    /// <summary>
    /// The CDR of an outbound call names the trunk it took. A call from a trunk that goes back out keeps its row as the
    /// inbound call it is (direction, DID, the carrier's Call-ID of the inbound trunk) and lists each outbound trunk it
    /// tried as a "trunk-out" step in the history, from the inbound trunk to the outside number.
    /// </summary>
    private async Task RecordTrunkOutAsync(TrunkCallState trunkCall, string carrierCallId)
    {
        if (trunkCall.Inbound is not { } inbound)
            await call.Journal.WriteAsync(new CdrTrunkSet(call.Key, "outbound", trunkCall.TrunkId, carrierCallId, State.Caller, trunkCall.Number));
        else
            State.History.Add(new DialPlanStep("trunk-out", inbound.TrunkId, trunkCall.Number, call.Now, trunkCall.TrunkId));
    }

    /// <summary>
    /// The talk time the dialler's daily budget counts: from the answer, or from when the call went out when that was
    /// later (a forward or transfer of an answered call; its outside ringing counts too, erring toward the budget).
    /// </summary>
    private long OutboundTalkSeconds(TrunkCallState outbound) =>
        State is { AnsweredAt: { } answered, EndedAt: { } ended }
            ? (long)Math.Max(0, (ended - (answered > outbound.WentOutAt ? answered : outbound.WentOutAt)).TotalSeconds)
            : 0;

    // EventIds 2230-2239: calls through carrier trunks (the others are TrunkRouter's).
    [LoggerMessage(EventId = 2232, Level = LogLevel.Warning, Message = "Call {CallId}: trunk {TrunkId} failed with {Status} {Reason}; trying the next trunk")]
    private partial void LogTrunkFailed(string callId, string trunkId, int status, string reason);
}
