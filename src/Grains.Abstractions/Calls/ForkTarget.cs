using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>One INVITE the edge sends for a call: one registered contact of the callee (parallel forking).</summary>
/// <param name="ForkId">Identifies this fork in later calls to the grain.</param>
/// <param name="Leg">The dialog to create: Call-ID, From, To, Request-URI (the contact), route set (Path) and where to send.</param>
/// <param name="OfferSdp">The media node's offer for the callee.</param>
/// <param name="CallerDisplay">Display name and number to show the callee (From display name).</param>
/// <param name="SessionTimer">Session timer headers for the INVITE (RFC 4028 section 7.1), or null for none.</param>
/// <param name="ReferredBy">Referred-By value of the REFER that led to this INVITE (RFC 3892 section 3), copied as it came.</param>
/// <param name="Trunk">Set when the fork goes to a carrier trunk (outbound call); null for a phone.</param>
[GenerateSerializer, Immutable]
public sealed record ForkTarget(string ForkId, DialogLeg Leg, string OfferSdp, string CallerDisplay, SessionTimer? SessionTimer = null,
    string? ReferredBy = null, TrunkFork? Trunk = null);
