using Orleans;

namespace Pbx.Grains.Trunks;

/// <summary>
/// One extension's calls through trunks, counted against its <see cref="OutboundLimits"/> (key = extension number): the
/// calls up now, those started in the last hour, the talk time today. Counted from the CDRs when it activates, so a
/// restart does not reset a budget.
/// </summary>
public interface IOutboundUsageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Call <paramref name="callId"/> is about to go out: counted and <see cref="OutboundLimitHit.None"/> when it is within
    /// <paramref name="limits"/>, else the limit it would break (not counted, alerted).
    /// </summary>
    Task<OutboundLimitHit> TryStartAsync(string callId, OutboundLimits limits);

    /// <summary>Call <paramref name="callId"/> ended after <paramref name="talkSeconds"/> of talk (0 when never answered).</summary>
    Task EndAsync(string callId, long talkSeconds);
}
