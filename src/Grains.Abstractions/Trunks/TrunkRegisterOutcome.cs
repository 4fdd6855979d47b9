using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>How one REGISTER exchange with a carrier ended.</summary>
/// <param name="Registered">True when the carrier answered 2xx.</param>
/// <param name="Granted">The binding lifetime the carrier granted (RFC 3261 10.2.4); zero on failure.</param>
/// <param name="Reason">The final status and reason ("403 Forbidden"), or why the challenge could not be answered.</param>
/// <param name="ConfiguredAt">When the trunk row the edge registered with last changed; an outcome of an older row than the
/// grain was told about (<see cref="ITrunkGrain.ReconfiguredAsync"/>) is stale and ignored. Null: not known.</param>
[GenerateSerializer, Immutable]
public sealed record TrunkRegisterOutcome(bool Registered, TimeSpan Granted, string Reason, DateTimeOffset? ConfiguredAt = null);
