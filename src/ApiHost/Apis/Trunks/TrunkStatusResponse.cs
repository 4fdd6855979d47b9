using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>A trunk's registration and calls as <c>GET /api/v1/trunks/{id}/status</c> shows them.</summary>
/// <param name="State">disabled, registering, registered or failed.</param>
/// <param name="Reason">Why it is disabled, why it is still registering, or the last error of a failed registration.</param>
/// <param name="FailedAt">When the last attempt failed (state failed).</param>
/// <param name="ActiveCalls">Calls using the trunk now, of <paramref name="MaxCalls"/>.</param>
public sealed record TrunkStatusResponse(string Id, string State, string? Reason, int Failures, DateTimeOffset? ExpiresAt,
    DateTimeOffset? NextAttemptAt, int ActiveCalls, int MaxCalls, DateTimeOffset? FailedAt)
{
    public const string DisabledReason = "The trunk is disabled.";
    public const string NotRegisteringReason = "Registration is off: the carrier takes this trunk's calls by its address.";
    public const string WaitingReason = "Waiting for a SIP edge to send the REGISTER with these settings.";

    /// <summary>
    /// The row says whether the trunk should register (a disabled one has no grain state worth showing); the grain says
    /// how registering goes. A grain no edge has reported to yet (just started, or the settings just changed) is registering.
    /// </summary>
    public static TrunkStatusResponse Of(Trunk trunk, TrunkStatus live)
    {
        if (!trunk.Enabled || !trunk.Register)
            return new(trunk.Id, "disabled", trunk.Enabled ? NotRegisteringReason : DisabledReason, 0, null, null, live.ActiveCalls, trunk.MaxCalls, null);
        var phase = live.Phase == TrunkRegistrationPhase.Disabled ? TrunkRegistrationPhase.Registering : live.Phase;
        var reason = phase switch
        {
            TrunkRegistrationPhase.Failed => live.FailureReason,
            TrunkRegistrationPhase.Registering => WaitingReason,
            _ => null,
        };
        return new(trunk.Id, phase.ToString().ToLowerInvariant(), reason, live.Failures, live.ExpiresAt,
            phase == TrunkRegistrationPhase.Registering ? null : live.NextAttemptAt, live.ActiveCalls, trunk.MaxCalls, live.FailedAt);
    }
}
