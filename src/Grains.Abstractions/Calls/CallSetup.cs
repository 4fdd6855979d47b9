using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>An authenticated initial INVITE as the edge hands it to <see cref="ICallGrain.StartAsync"/>.</summary>
/// <param name="Caller">Authenticated extension number of the caller.</param>
/// <param name="CallerName">Display name from the caller's From header, if any.</param>
/// <param name="Callee">Dialled number (Request-URI user part).</param>
/// <param name="CallerLeg">The caller's dialog as seen from our side (our tag is the one we answer with).</param>
/// <param name="OfferSdp">The caller's SDP offer.</param>
/// <param name="Edge">The edge that serves the call, for requests the grain starts itself (BYE on hang-up).</param>
/// <param name="SessionTimer">The INVITE's session timer headers (RFC 4028), or null when it has none.</param>
[GenerateSerializer, Immutable]
public sealed record CallSetup(string Caller, string? CallerName, string Callee, DialogLeg CallerLeg, string OfferSdp, ICallEdge Edge,
    SessionTimer? SessionTimer = null);
