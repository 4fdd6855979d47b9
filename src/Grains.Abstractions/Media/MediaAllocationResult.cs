using Orleans;
namespace Pbx.Grains.Media;

/// <summary>Outcome of <see cref="IMediaControl.AllocateAsync"/>: an endpoint, or the reason there is none.</summary>
/// <param name="EndpointId">Identifier for later calls; empty when allocation failed.</param>
/// <param name="Address">Address the node advertises for the endpoint in SDP.</param>
/// <param name="RtpPort">Even RTP port of the endpoint; RTCP is on <c>RtpPort + 1</c>.</param>
/// <param name="Error">Why no endpoint was allocated, or <see cref="MediaAllocationError.None"/>.</param>
/// <param name="Reason">Readable explanation of <paramref name="Error"/> for logs and call-failure causes.</param>
[GenerateSerializer, Immutable]
public sealed record MediaAllocationResult(string EndpointId, string Address, int RtpPort, MediaAllocationError Error, string Reason)
{
    /// <summary>True when an endpoint was allocated.</summary>
    public bool Succeeded => Error == MediaAllocationError.None;

    /// <summary>A failed allocation with its reason.</summary>
    public static MediaAllocationResult Failed(MediaAllocationError error, string reason) => new("", "", 0, error, reason);
}
