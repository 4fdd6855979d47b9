using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>Where the dial plan sends an outside number, or why it will not.</summary>
/// <param name="Outcome">Routed, or the reason for refusing.</param>
/// <param name="Number">The number after the rule's strip/prepend and normalisation (E.164 for outside numbers).</param>
/// <param name="Kind">What the number is.</param>
/// <param name="Trunks">Trunk ids to try in order; empty unless routed.</param>
[GenerateSerializer, Immutable]
public sealed record OutboundRoute(RouteOutcome Outcome, string Number, NumberKind Kind, IReadOnlyList<string> Trunks);
