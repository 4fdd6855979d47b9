using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>Where a call is in its life.</summary>
[GenerateSerializer]
public enum CallPhase
{
    /// <summary>No call has started on this key.</summary>
    None,
    /// <summary>The callee's contacts are ringing.</summary>
    Ringing,
    /// <summary>Answered and bridged.</summary>
    Answered,
    /// <summary>Over; the CDR is closed.</summary>
    Ended,
}
