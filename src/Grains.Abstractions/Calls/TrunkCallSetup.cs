using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>An initial INVITE from a carrier trunk as the edge hands it to <see cref="ICallGrain.StartFromTrunkAsync"/>.</summary>
/// <param name="TrunkId">The trunk the source address identified.</param>
/// <param name="CallerNumber">The From user part as the carrier sent it (not yet normalised); null when absent.</param>
/// <param name="CallerName">Display name from the From header, if any.</param>
/// <param name="CalledCandidates">Called-number candidates in order of trust: Request-URI user, P-Called-Party-ID user (RFC 3455), To user.</param>
/// <param name="CallerLeg">The carrier's dialog as seen from our side.</param>
/// <param name="OfferSdp">The carrier's SDP offer.</param>
/// <param name="Edge">The edge that serves the call.</param>
/// <param name="SessionTimer">The INVITE's session timer headers (RFC 4028), or null when it has none.</param>
[GenerateSerializer, Immutable]
public sealed record TrunkCallSetup(string TrunkId, string? CallerNumber, string? CallerName, IReadOnlyList<string?> CalledCandidates,
    DialogLeg CallerLeg, string OfferSdp, ICallEdge Edge, SessionTimer? SessionTimer = null);
