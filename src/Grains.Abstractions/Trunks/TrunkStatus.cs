using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>A trunk's live state, as the API and live views show it.</summary>
/// <param name="TrunkId">The trunk's id.</param>
/// <param name="Phase">Where its outbound registration stands.</param>
/// <param name="FailureReason">Why the last registration attempt failed; null after a success.</param>
/// <param name="Failures">Consecutive failed attempts.</param>
/// <param name="ExpiresAt">When the carrier's binding lapses; null when not registered.</param>
/// <param name="NextAttemptAt">When the next REGISTER goes out; null when the trunk does not register.</param>
/// <param name="ActiveCalls">Calls currently using the trunk.</param>
/// <param name="FailedAt">When the last attempt failed; null after a success.</param>
[GenerateSerializer, Immutable]
public sealed record TrunkStatus(string TrunkId, TrunkRegistrationPhase Phase, string? FailureReason, int Failures,
    DateTimeOffset? ExpiresAt, DateTimeOffset? NextAttemptAt, int ActiveCalls, DateTimeOffset? FailedAt = null);
