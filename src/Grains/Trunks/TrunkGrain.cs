using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Live;
using Orleans;

namespace Pbx.Grains.Trunks;

/// <summary>
/// A carrier trunk's live state. The registration rules are <see cref="TrunkRegistrationState"/>; the grain applies
/// outcomes, logs and publishes changes, and counts the calls holding the trunk against its limit.
/// </summary>
public sealed partial class TrunkGrain(ILiveEvents liveEvents, IOptions<TrunkOptions> options, TimeProvider time, ILogger<TrunkGrain> logger)
    : Grain, ITrunkGrain
{
    /// <summary>Live event topic of trunks (key = trunk id).</summary>
    public const string TrunkTopic = "trunk";

    private readonly TrunkRegistrationState _registration = new();
    private readonly HashSet<string> _calls = new(StringComparer.Ordinal);
    private bool _registers;

    private string TrunkId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task<DateTimeOffset> OnRegisterOutcomeAsync(TrunkRegisterOutcome outcome)
    {
        var now = time.GetUtcNow();
        if (_registration.IsStale(outcome))
        {
            // The edge restarts this trunk's registration with its new settings within a poll; until then, wait.
            LogStaleOutcome(TrunkId, outcome.ConfiguredAt);
            return Task.FromResult(now + options.Value.MinBackoff);
        }
        var wasPhase = _registration.Phase;
        _registers = true;
        var settings = options.Value;
        if (outcome.Registered)
        {
            _registration.Registered(outcome.Granted, settings.RefreshMargin, now);
            if (wasPhase != TrunkRegistrationPhase.Registered)
                LogRegistered(TrunkId, outcome.Granted);
        }
        else
        {
            _registration.Failed(outcome.Reason, settings.MinBackoff, settings.MaxBackoff, now);
            LogRegistrationFailed(TrunkId, outcome.Reason, _registration.Failures, _registration.NextAttemptAt - now);
        }
        // Every outcome moves the binding's expiry or the next attempt, which the trunk's live state shows.
        Publish(outcome.Registered ? "registered" : "registration-failed", now);
        return Task.FromResult(_registration.NextAttemptAt);
    }

    /// <inheritdoc />
    public Task ReconfiguredAsync(DateTimeOffset configuredAt, bool registers)
    {
        _registration.Reconfigured(configuredAt);
        _registers = registers;
        Publish("reconfigured", time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TryStartCallAsync(string callId, int maxCalls)
    {
        if (_calls.Contains(callId))
            return Task.FromResult(true);
        if (_calls.Count >= maxCalls)
        {
            LogCallLimit(TrunkId, maxCalls);
            return Task.FromResult(false);
        }
        _calls.Add(callId);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task EndCallAsync(string callId)
    {
        _calls.Remove(callId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<TrunkStatus> GetStatusAsync() => Task.FromResult(Status());

    private TrunkStatus Status() => _registers
        ? new TrunkStatus(TrunkId, _registration.Phase, _registration.FailureReason, _registration.Failures, _registration.ExpiresAt,
            _registration.NextAttemptAt, _calls.Count, _registration.FailedAt)
        : new TrunkStatus(TrunkId, TrunkRegistrationPhase.Disabled, null, 0, null, null, _calls.Count);

    private void Publish(string kind, DateTimeOffset at)
    {
        var status = Status();
        liveEvents.Publish(TrunkTopic, TrunkId, kind, new
        {
            state = status.Phase.ToString().ToLowerInvariant(),
            reason = status.FailureReason,
            failedAt = status.FailedAt,
            failures = status.Failures,
            expiresAt = status.ExpiresAt,
            nextAttemptAt = status.NextAttemptAt,
        }, at);
    }
}
