using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A response the edge sends to the caller's INVITE.</summary>
/// <param name="Status">SIP status code.</param>
/// <param name="Reason">Reason phrase.</param>
/// <param name="Sdp">Body (the media node's SDP toward the caller) or null.</param>
/// <param name="SessionTimer">Session timer headers to put on the response (RFC 4028: Session-Expires on a 2xx, Min-SE on a 422), or null.</param>
[GenerateSerializer, Immutable]
public sealed record CallerResponse(int Status, string Reason, string? Sdp, SessionTimer? SessionTimer = null);
