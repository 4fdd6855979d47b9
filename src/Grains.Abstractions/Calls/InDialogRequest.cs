using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A request received inside one leg's dialog (BYE, re-INVITE, UPDATE).</summary>
/// <param name="CallId">Call-ID of the leg it came on.</param>
/// <param name="Method">SIP method.</param>
/// <param name="CSeq">Its CSeq number (RFC 3261 12.2.2: lower than the last one is refused with 500).</param>
/// <param name="Sdp">Its SDP offer, if any.</param>
[GenerateSerializer, Immutable]
public sealed record InDialogRequest(string CallId, string Method, uint CSeq, string? Sdp);
