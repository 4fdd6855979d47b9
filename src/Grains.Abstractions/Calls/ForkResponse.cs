using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A response to one fork's INVITE, as the edge reports it.</summary>
/// <param name="ForkId">The fork.</param>
/// <param name="Status">SIP status code (408 when the edge timed out, 487 when cancelled).</param>
/// <param name="Reason">Reason phrase.</param>
/// <param name="RemoteTag">To tag of the response, if any.</param>
/// <param name="Contact">Contact URI of a 1xx/2xx that creates a dialog.</param>
/// <param name="RecordRoute">Record-Route values in the order received.</param>
/// <param name="Sdp">Body, if any.</param>
/// <param name="SessionTimer">The response's session timer headers (RFC 4028 section 7.2), or null when it has none.</param>
/// <param name="LocalCSeq">CSeq of the INVITE this answers when the edge re-sent it with digest credentials (RFC 3261 22.2); null when unchanged.</param>
[GenerateSerializer, Immutable]
public sealed record ForkResponse(string ForkId, int Status, string Reason, string? RemoteTag, string? Contact, IReadOnlyList<string> RecordRoute, string? Sdp,
    SessionTimer? SessionTimer = null, uint? LocalCSeq = null);
