namespace Pbx.Grains.Trunks;

/// <summary>
/// A trunk's outbound registration as pure rules: when to refresh a binding, how long to back off after failures, and
/// what to show. The trunk grain applies outcomes of REGISTER transactions and sets its timer to <see cref="NextAttemptAt"/>.
/// </summary>
public sealed class TrunkRegistrationState
{
    /// <summary>Where the registration stands.</summary>
    public TrunkRegistrationPhase Phase { get; set; } = TrunkRegistrationPhase.Registering;

    /// <summary>Why the last attempt failed ("403 Forbidden", "timeout"); null after a success.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Consecutive failed attempts since the last success.</summary>
    public int Failures { get; set; }

    /// <summary>When the carrier's binding lapses; null when not registered.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When to send the next REGISTER.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the last attempt failed; null after a success.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The <c>updated_at</c> of the trunk row this state is about; null until the API reports a change.</summary>
    public DateTimeOffset? ConfiguredAt { get; private set; }

    /// <summary>
    /// The trunk's settings changed at <paramref name="configuredAt"/>: what was known of the old registration (its expiry,
    /// its failures) says nothing of the new one, which starts again as <see cref="TrunkRegistrationPhase.Registering"/>.
    /// An older change reported late changes nothing.
    /// </summary>
    public void Reconfigured(DateTimeOffset configuredAt)
    {
        if (ConfiguredAt >= configuredAt)
            return;
        ConfiguredAt = configuredAt;
        Phase = TrunkRegistrationPhase.Registering;
        FailureReason = null;
        FailedAt = null;
        Failures = 0;
        ExpiresAt = null;
    }

    /// <summary>An outcome of a REGISTER sent with settings older than the last change: the edge restarts with the new ones.</summary>
    public bool IsStale(TrunkRegisterOutcome outcome) => outcome.ConfiguredAt < ConfiguredAt;

    /// <summary>
    /// The carrier accepted the binding for <paramref name="granted"/> (the Expires it returned, which may be shorter than
    /// asked, RFC 3261 10.2.4). The refresh goes out before expiry: at half the interval for short bindings, otherwise
    /// <paramref name="margin"/> early, so one lost REGISTER and its retransmissions still fit before the binding lapses.
    /// </summary>
    public void Registered(TimeSpan granted, TimeSpan margin, DateTimeOffset now)
    {
        Phase = TrunkRegistrationPhase.Registered;
        FailureReason = null;
        FailedAt = null;
        Failures = 0;
        ExpiresAt = now + granted;
        var lead = granted / 2 < margin ? granted / 2 : margin;
        NextAttemptAt = now + granted - lead;
    }

    /// <summary>
    /// An attempt failed (a final error response, or no answer). The next one waits an exponential back-off from
    /// <paramref name="minBackoff"/> doubling up to <paramref name="maxBackoff"/>, so a restarting carrier is not flooded
    /// (RFC 5626 section 4.5 uses the same shape for flow recovery).
    /// </summary>
    public void Failed(string reason, TimeSpan minBackoff, TimeSpan maxBackoff, DateTimeOffset now)
    {
        Phase = TrunkRegistrationPhase.Failed;
        FailureReason = reason;
        FailedAt = now;
        Failures++;
        if (ExpiresAt <= now)
            ExpiresAt = null;
        var factor = Math.Pow(2, Math.Min(Failures - 1, 16));
        var wait = TimeSpan.FromTicks((long)Math.Min(minBackoff.Ticks * factor, maxBackoff.Ticks));
        NextAttemptAt = now + wait;
    }
}
