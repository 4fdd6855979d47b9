using Orleans;
namespace Pbx.Grains.Media;

/// <summary>No RTP arrived on an endpoint for the configured media timeout.</summary>
/// <param name="EndpointId">The silent endpoint.</param>
/// <param name="Silence">How long nothing arrived.</param>
[GenerateSerializer, Immutable]
public sealed record MediaTimedOut(string EndpointId, TimeSpan Silence);
