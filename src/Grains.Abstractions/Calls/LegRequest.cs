namespace Pbx.Grains.Calls;

/// <summary>A request the edge must send on a leg's dialog.</summary>
/// <param name="Method">SIP method.</param>
/// <param name="Leg">The dialog, with <see cref="DialogLeg.LocalCSeq"/> already the CSeq to use.</param>
/// <param name="Sdp">Body, if any.</param>
public sealed record LegRequest(string Method, DialogLeg Leg, string? Sdp);
