namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>A trunk's live registration state and call count.</summary>
/// <param name="State">disabled, registering, registered or failed.</param>
public sealed record TrunkStatusResponse(string Id, string State, string? Reason, int Failures, DateTimeOffset? ExpiresAt,
    DateTimeOffset? NextAttemptAt, int ActiveCalls);
