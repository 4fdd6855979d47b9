using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.Trunks;

/// <summary>
/// One carrier trunk (key = trunk id): the state of its outbound registration and the calls using it. The edge sends the
/// REGISTER requests and reports each outcome here; the grain decides when the next one goes out and publishes the
/// state as live events. Registration state is not persisted: after a restart the edge registers again at once.
/// </summary>
public interface ITrunkGrain : IGrainWithStringKey
{
    /// <summary>Applies the outcome of a REGISTER exchange and returns when the next REGISTER should be sent.</summary>
    Task<DateTimeOffset> OnRegisterOutcomeAsync(TrunkRegisterOutcome outcome);

    /// <summary>
    /// The trunk's row changed at <paramref name="configuredAt"/> (its <c>updated_at</c>): the registration state of the
    /// old settings is forgotten at once (no stale expiry shown), and outcomes of REGISTERs sent with older settings are ignored.
    /// <paramref name="registers"/> says whether the new settings register at all (enabled, with registration on).
    /// </summary>
    Task ReconfiguredAsync(DateTimeOffset configuredAt, bool registers);

    /// <summary>Reserves one of the trunk's <paramref name="maxCalls"/> call slots for <paramref name="callId"/>; false when all are in use.</summary>
    Task<bool> TryStartCallAsync(string callId, int maxCalls);

    /// <summary>Frees the call slot of <paramref name="callId"/> (no-op when it holds none).</summary>
    Task EndCallAsync(string callId);

    /// <summary>The trunk's live state.</summary>
    [ReadOnly]
    Task<TrunkStatus> GetStatusAsync();
}
