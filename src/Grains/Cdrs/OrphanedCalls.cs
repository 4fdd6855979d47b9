using Orleans.Runtime;
using Pbx.Grains.Calls;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// The rules of the recovery pass (<see cref="CdrRecovery"/>), pure so that tests call them without a cluster. A row is
/// closed when the silo that opened it is gone from the cluster and its call is over: the call grain, asked (which
/// reactivates it from its persisted state, if any), has no call going on.
/// </summary>
public static class OrphanedCalls
{
    // A call grain reactivated from its persisted state has lost its max-duration timer; past the limit and this margin
    // the call is one nobody will hang up (its phones and media went with the silo).
    private static readonly TimeSpan MaxDurationMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The silos that may still own calls, as <c>SiloAddress.ToParsableString()</c>: every member of the membership not
    /// declared dead (one joining or shutting down still runs its calls). A silo not in the snapshot is gone.
    /// </summary>
    public static IReadOnlySet<string> LiveSilos(ClusterMembershipSnapshot snapshot)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (address, member) in snapshot.Members)
        {
            if (member.Status is not (SiloStatus.Dead or SiloStatus.None))
                live.Add(address.ToParsableString());
        }
        return live;
    }

    /// <summary>
    /// Whether the call a gone silo left open is over: the grain knows no call (<see cref="CallPhase.None"/>: nothing was
    /// persisted, as for a call that was still ringing) or has ended it, or it has run past <c>Calls:MaxDuration</c>.
    /// Null (the grain did not answer) is not over: the next pass asks again.
    /// </summary>
    public static bool CallIsOver(CallInfo? call, DateTimeOffset now, TimeSpan maxDuration) => call switch
    {
        null => false,
        { Phase: CallPhase.None or CallPhase.Ended } => true,
        _ => now - call.StartedAt > maxDuration + MaxDurationMargin,
    };
}
