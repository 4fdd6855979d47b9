using Orleans;
namespace Pbx.Grains.Media;

/// <summary>A playback ended.</summary>
/// <param name="EndpointId">Endpoint it played on.</param>
/// <param name="PlaybackId">Identifier given in the <see cref="PlaybackRequest"/>.</param>
/// <param name="Outcome">Why it ended.</param>
[GenerateSerializer, Immutable]
public sealed record PlaybackCompleted(string EndpointId, string PlaybackId, PlaybackOutcome Outcome);
