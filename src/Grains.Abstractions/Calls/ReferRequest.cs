using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>A REFER received on a leg of an answered call (RFC 3515), as the edge hands it to <see cref="ICallGrain.OnReferAsync"/>.</summary>
/// <param name="CallId">Call-ID of the leg it came on (the transferor's dialog).</param>
/// <param name="CSeq">Its CSeq number (RFC 3261 12.2.2).</param>
/// <param name="Target">User part of the Refer-To URI: the number to transfer to.</param>
/// <param name="ReferredBy">The Referred-By header as received (RFC 3892), if any.</param>
/// <param name="Replaces">The dialog named by a Replaces parameter in Refer-To (RFC 3891 attended transfer), if any.</param>
[GenerateSerializer, Immutable]
public sealed record ReferRequest(string CallId, uint CSeq, string Target, string? ReferredBy, ReplacesDialog? Replaces);
