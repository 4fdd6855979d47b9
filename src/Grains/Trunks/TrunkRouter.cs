using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.Grains.Calls;

namespace Pbx.Grains.Trunks;

/// <summary>
/// The trunk side of routing, for call grains: which trunk an inbound call came on and where its DID leads; which dial
/// rule and trunks an outside number leaves by under the dialler's extension group, permission class and outbound limits
/// (the toll-fraud guards); and which of those trunks takes the call next (enabled, reachable, one of its codecs offered,
/// a free slot, which it claims). The call grain keeps the call's state and CDR; this decides, holds the trunks' slots
/// and counts the dialler's usage.
/// </summary>
public sealed partial class TrunkRouter(TrunkCatalog catalog, IGrainFactory grains, IOptions<TrunkOptions> options, ILogger<TrunkRouter> logger)
{
    /// <summary>
    /// Routes a call from trunk <paramref name="trunkId"/> (its caller's number, the called numbers the carrier gave in
    /// order of trust, its SDP offer) and, when it may ring, claims a slot on that trunk for <paramref name="callKey"/>.
    /// Null when the trunk is unknown or disabled (nothing about the call is kept then).
    /// </summary>
    public async Task<InboundTrunkCall?> AdmitInboundAsync(string callKey, string trunkId, string? callerNumber,
        IReadOnlyList<string?> calledCandidates, string offerSdp)
    {
        if (await catalog.FindTrunkAsync(trunkId) is not { } trunk)
            return null;
        var caller = NumberNormaliser.Normalise(callerNumber ?? "", trunk.Plan) is { Kind: not NumberKind.Invalid } number
            ? number.Number
            : callerNumber ?? "anonymous";
        var route = new DidTable(await catalog.ListDidsAsync(), trunk.Plan).Route(trunk.Id, [.. calledCandidates]);
        var called = route.Did.Length > 0 ? route.Did : calledCandidates.FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? "";
        var call = route.Outcome == InboundOutcome.Menu
            ? new InboundTrunkCall(trunk.Id, caller, called, route.Did, null, offerSdp, null, MenuId: route.Target)
            : new InboundTrunkCall(trunk.Id, caller, called, route.Did, route.Target, offerSdp, null);
        switch (route.Outcome)
        {
            case InboundOutcome.UnknownDid:
                LogUnknownDid(callKey, trunk.Id, called);
                return call with { Refusal = new CallerResponse(404, "Not Found", null) };
            case InboundOutcome.DestinationUnavailable:
                // Queue, voicemail and conference destinations arrive with later issues; until then the caller hears 480.
                LogDestinationUnavailable(callKey, route.Did, route.DestinationKind!, route.Target!);
                return call with { Refusal = new CallerResponse(480, "Temporarily Unavailable", null) };
        }
        // Answered from the trunk's codecs only; a carrier offering none of them gets 488 (RFC 3261 13.3.1.1).
        if (TrunkCodecs.Restrict(offerSdp, trunk.Codecs) is not { } offer)
            return call with { Refusal = new CallerResponse(488, "Not Acceptable Here", null) };
        if (!await grains.Grain<ITrunkGrain>(trunk.Id).TryStartCallAsync(callKey, trunk.MaxCalls))
            return call with { Refusal = new CallerResponse(503, "Service Unavailable", null) };
        return call with { Offer = offer };
    }

    /// <summary>
    /// Routes the outside <paramref name="number"/> as extension <paramref name="dialler"/> would dial it from
    /// <paramref name="source"/>: null when no dial rule of its group serves the number (the internal dial plan answers
    /// then, 404 for unknown numbers); else the outbound call with the rule's trunks to try, or the refusal.
    /// </summary>
    public async Task<OutboundTrunkCall?> RouteOutboundAsync(string callKey, string number, string dialler, string source)
    {
        var plan = await PlanOutboundAsync(number, dialler);
        if (plan.Rule is not { } rule)
            return null;
        if (plan.Route is not { } route)
        {
            LogTrunkSkipped(callKey, rule.Trunks[0], "disabled or deleted");
            return OutboundTrunkCall.Refused(503, "Service Unavailable");
        }
        var outbound = plan.Outbound;
        switch (route.Outcome)
        {
            case RouteOutcome.NotPermitted:
                // The toll-fraud guard: a compromised phone of a narrower class must not reach expensive destinations.
                LogNotPermitted(callKey, dialler, route.Number, route.Kind, outbound.Permission, source);
                return OutboundTrunkCall.Refused(403, "Forbidden");
            case RouteOutcome.InvalidNumber:
                return OutboundTrunkCall.Refused(484, "Address Incomplete");
            case RouteOutcome.NoRoute:
                return OutboundTrunkCall.Refused(404, "Not Found");
        }
        if (await grains.Grain<IOutboundUsageGrain>(dialler).TryStartAsync(callKey, outbound.Limits) != OutboundLimitHit.None)
            return OutboundTrunkCall.Refused(403, "Outbound Limit Reached");
        return new OutboundTrunkCall(new TrunkCallState
        {
            Direction = "outbound", Number = route.Number, Dialler = dialler, CallerId = outbound.OutboundCallerId, RemainingTrunks = [.. route.Trunks],
        }, null);
    }

    /// <summary>
    /// The dial plan's answer for <paramref name="number"/> dialled as extension <paramref name="dialler"/>, with nothing
    /// dialled and nothing counted: no rule when none of its group serves the number; no route when the rule's first
    /// trunk (whose number plan normalises) is disabled or deleted.
    /// </summary>
    public async Task<OutboundPlan> PlanOutboundAsync(string number, string dialler)
    {
        var outbound = await catalog.FindOutboundAsync(dialler);
        if (DialPlan.Match(await catalog.ListDialRulesAsync(), number, outbound.Group) is not { } rule)
            return new OutboundPlan(null, outbound, null);
        if (await catalog.FindTrunkAsync(rule.Trunks[0]) is not { } first)
            return new OutboundPlan(rule, outbound, null);
        return new OutboundPlan(rule, outbound, new DialPlan([rule], first.Plan).Route(number, outbound.Group, outbound.Permission));
    }

    /// <summary>
    /// The outbound side of call <paramref name="callKey"/> ends: its trunk slot goes back and its dialler's usage counts
    /// <paramref name="talkSeconds"/> of talk (0 for a call never answered, or a way out that failed).
    /// </summary>
    public async Task EndOutboundAsync(string callKey, TrunkCallState call, long talkSeconds)
    {
        if (call.TrunkId.Length > 0)
            await ReleaseAsync(callKey, call.TrunkId);
        if (call.Dialler.Length > 0)
            await grains.Grain<IOutboundUsageGrain>(call.Dialler).EndAsync(callKey, talkSeconds);
    }

    /// <summary>
    /// Takes the next trunk of <paramref name="call"/>'s remaining ones that is enabled, resolves, has one of its codecs in
    /// <paramref name="offer"/> (the media node's) and a free call slot, which it claims for <paramref name="callKey"/>;
    /// null when none is left. Each trunk passed over is gone from the remaining ones, with the reason logged.
    /// </summary>
    public async Task<TrunkChoice?> NextAsync(string callKey, TrunkCallState call, string offer)
    {
        while (call.RemainingTrunks.Count > 0)
        {
            var id = call.RemainingTrunks[0];
            call.RemainingTrunks.RemoveAt(0);
            if (await catalog.FindTrunkAsync(id) is not { } trunk)
                LogTrunkSkipped(callKey, id, "disabled or deleted");
            else if (await ResolveAsync(trunk.Host) is not { } address)
                LogTrunkSkipped(callKey, id, $"host {trunk.Host} does not resolve");
            else if (TrunkCodecs.Restrict(offer, trunk.Codecs) is not { } restricted)
                LogTrunkSkipped(callKey, id, "the media node offers none of its codecs");
            else if (!await grains.Grain<ITrunkGrain>(id).TryStartCallAsync(callKey, trunk.MaxCalls))
                LogTrunkSkipped(callKey, id, "all call slots in use");
            else
            {
                call.TrunkId = id;
                return new TrunkChoice(trunk, address, restricted, options.Value.FailoverTimeout);
            }
        }
        return null;
    }

    /// <summary>Gives the slot <paramref name="callKey"/> holds on trunk <paramref name="trunkId"/> back.</summary>
    public Task ReleaseAsync(string callKey, string trunkId) => grains.Grain<ITrunkGrain>(trunkId).EndCallAsync(callKey);

    /// <summary>The address of a trunk's host: a literal, or the first one DNS gives; null when it does not resolve.</summary>
    internal static async Task<IPAddress?> ResolveAsync(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
            return literal;
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host);
            return addresses.Length > 0 ? addresses[0] : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
