using System.Net;
using Pbx.Data.Extensions;
using Pbx.Data.Trunks;
using Pbx.Grains.Calls;

namespace Pbx.Grains.Trunks;

/// <summary>
/// An inbound trunk call as <see cref="TrunkRouter"/> routed it: the normalised <paramref name="Caller"/>, the
/// <paramref name="Called"/> number for the CDR, the matched <paramref name="Did"/> (empty when none) and its extension
/// <paramref name="Target"/>, or the IVR menu <paramref name="MenuId"/> that answers it. <paramref name="Refusal"/> is null
/// when the call may go on with <paramref name="Offer"/>, the carrier's SDP restricted to the trunk's codecs, holding a
/// slot of the trunk.
/// </summary>
public sealed record InboundTrunkCall(string TrunkId, string Caller, string Called, string Did, string? Target, string Offer, CallerResponse? Refusal,
    string? MenuId = null);

/// <summary>An outside number routed to trunks: the outbound <paramref name="Call"/> to start, or the <paramref name="Refusal"/>.</summary>
public sealed record OutboundTrunkCall(TrunkCallState? Call, CallerResponse? Refusal)
{
    /// <summary>A number no trunk may take, answered with <paramref name="status"/>.</summary>
    public static OutboundTrunkCall Refused(int status, string reason) => new(null, new CallerResponse(status, reason, null));
}

/// <summary>
/// The trunk that takes an outbound call next, its <paramref name="Address"/> resolved, <paramref name="Offer"/> restricted
/// to its codecs, and how long it may stay silent before the next trunk is tried.
/// </summary>
public sealed record TrunkChoice(TrunkSettings Trunk, IPAddress Address, string Offer, TimeSpan FailoverTimeout);

/// <summary>
/// The dial rule that serves a number for an extension (null when none does), the extension's outbound settings, and the
/// route the rule gives (null without a rule, or when the rule's first trunk, whose number plan normalises, is disabled or deleted).
/// </summary>
public sealed record OutboundPlan(DialRule? Rule, ExtensionOutbound Outbound, OutboundRoute? Route);
