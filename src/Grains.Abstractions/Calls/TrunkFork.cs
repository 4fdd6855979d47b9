using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>What makes a fork an INVITE to a carrier trunk rather than to a phone.</summary>
/// <param name="TrunkId">The trunk: the edge answers its 401/407 challenge once with the trunk's credentials (RFC 3261 22.2).</param>
/// <param name="AssertedIdentity">The caller's real identity URI for P-Asserted-Identity (RFC 3325 9.1), in the carrier's number format.</param>
/// <param name="Privacy">True when the From is anonymous and the carrier must withhold the identity (Privacy: id, RFC 3325 9.3).</param>
/// <param name="FailoverTimeout">
/// When set, a carrier that sends no response at all (not even 100 Trying) in this time is given up: the edge reports a
/// 408 for the fork so the call fails over to the next trunk.
/// </param>
[GenerateSerializer, Immutable]
public sealed record TrunkFork(string TrunkId, string AssertedIdentity, bool Privacy, TimeSpan? FailoverTimeout = null);
