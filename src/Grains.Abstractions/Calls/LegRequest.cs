using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A request the edge must send on a leg's dialog.</summary>
/// <param name="Method">SIP method.</param>
/// <param name="Leg">The dialog, with <see cref="DialogLeg.LocalCSeq"/> already the CSeq to use.</param>
/// <param name="Sdp">Body, if any.</param>
/// <param name="SessionTimer">Session timer headers for a re-INVITE or UPDATE (RFC 4028 section 7.4: a refresh keeps the timer only when it carries them), or null.</param>
/// <param name="Sipfrag">
/// For a NOTIFY about a REFER (RFC 3515 2.4.5): the status line of the referred request's progress, sent as a
/// message/sipfrag body (RFC 3420) with Event: refer; a final status (200 and up) ends the implicit subscription.
/// </param>
[GenerateSerializer, Immutable]
public sealed record LegRequest(string Method, DialogLeg Leg, string? Sdp, SessionTimer? SessionTimer = null, string? Sipfrag = null);
