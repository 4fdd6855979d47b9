using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>Where an inbound trunk call goes.</summary>
/// <param name="Outcome">What to do with it.</param>
/// <param name="Did">The matched DID in E.164 (or the normalised called number when none matched).</param>
/// <param name="DestinationKind">The DID's destination kind ("extension", "ivr", ...); null when unknown.</param>
/// <param name="Target">The destination's id (extension number, IVR id, ...); null when unknown.</param>
[GenerateSerializer, Immutable]
public sealed record InboundRoute(InboundOutcome Outcome, string Did, string? DestinationKind, string? Target);
