using Orleans;

namespace Pbx.Grains.Calls;

/// <summary>Where a request on a leg's dialog may belong, most likely first (<see cref="LegCallIds"/>).</summary>
public static class CallKeysOfLeg
{
    /// <summary>
    /// The keys of the calls that may hold the leg <paramref name="callId"/>: the key the Call-ID leads to, then the call
    /// the leg directory names (a carrier leg, a leg handed over by attended transfer), then the Call-ID itself (a call
    /// started by a carrier's INVITE whose Call-ID looks like one of ours: another PBX of this kind). Lazy: the
    /// caller asks each call in turn and stops at the first that holds the leg, so the directory is read only when the
    /// Call-ID alone did not find it.
    /// </summary>
    public static async IAsyncEnumerable<string> CallKeysOfLegAsync(this IGrainFactory grains, string callId)
    {
        var derived = LegCallIds.CallKeyOf(callId);
        if (derived is not null)
            yield return derived;
        var listed = await grains.Grain<ICallLegGrain>(callId).GetCallKeyAsync();
        if (listed is not null && listed != derived)
            yield return listed;
        if (callId != derived && callId != listed)
            yield return callId;
    }
}
