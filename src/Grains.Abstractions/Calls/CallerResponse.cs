namespace Pbx.Grains.Calls;

/// <summary>A response the edge sends to the caller's INVITE.</summary>
/// <param name="Status">SIP status code.</param>
/// <param name="Reason">Reason phrase.</param>
/// <param name="Sdp">Body (the media node's SDP toward the caller) or null.</param>
public sealed record CallerResponse(int Status, string Reason, string? Sdp);
