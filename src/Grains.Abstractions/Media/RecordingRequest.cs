using Orleans;
namespace Pbx.Grains.Media;

/// <summary>What to record.</summary>
/// <param name="RecordingId">Identifier used to stop the recording and to name its file (letters, digits, '-', '_').</param>
/// <param name="EndpointId">The leg to record; in a stereo recording, the left channel (the caller).</param>
/// <param name="OtherEndpointId">The other leg for a stereo recording (right channel, the callee), or null for mono.</param>
[GenerateSerializer, Immutable]
public sealed record RecordingRequest(string RecordingId, string EndpointId, string? OtherEndpointId = null);
