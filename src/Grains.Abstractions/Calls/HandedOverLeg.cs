using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A leg one call gives to another in an attended transfer (<see cref="ICallGrain.HandOverAsync"/>).</summary>
/// <param name="Leg">The dialog, with our CSeq as the giving call left it.</param>
/// <param name="EndpointId">The media endpoint anchoring the leg; the receiving call releases it when it ends.</param>
/// <param name="RemoteCSeq">Highest CSeq received on the dialog (RFC 3261 12.2.2).</param>
/// <param name="Number">The extension or number on that leg.</param>
/// <param name="Held">True when the giving call had that party on hold (offered sendonly, RFC 3264 8.4): it needs a sendrecv re-INVITE.</param>
/// <param name="SessionTimer">
/// The session timer running on the leg (RFC 4028), as the headers of a request the PBX sends on it (refresher "uac" when
/// the PBX refreshes), or null when the leg has none.
/// </param>
[GenerateSerializer, Immutable]
public sealed record HandedOverLeg(DialogLeg Leg, string EndpointId, uint RemoteCSeq, string Number, bool Held, SessionTimer? SessionTimer);
