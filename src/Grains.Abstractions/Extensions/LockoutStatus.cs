using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>Failed logins counted in the current window and the lockout they caused.</summary>
/// <param name="RecentFailures">Failures in the current window.</param>
/// <param name="LockedUntil">End of the lockout, or null when not locked out.</param>
/// <param name="TotalFailures">Failures since the activation started, for the status page.</param>
[GenerateSerializer, Immutable]
public sealed record LockoutStatus(int RecentFailures, DateTimeOffset? LockedUntil, long TotalFailures);
