namespace Pbx.Grains.Calls;

/// <summary>An offer the call forwarded from one party to the other, awaiting the answer since <paramref name="Since"/>.</summary>
/// <param name="FromCaller">The caller sent it (else the callee).</param>
/// <param name="Since">When it was forwarded.</param>
public sealed record OfferInFlight(bool FromCaller, DateTimeOffset Since);
