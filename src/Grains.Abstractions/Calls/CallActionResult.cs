using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>Outcome of an action asked of a call from outside (API, console).</summary>
[GenerateSerializer]
public enum CallActionResult
{
    /// <summary>Done.</summary>
    Done,
    /// <summary>No call has this id, or it has ended.</summary>
    NoSuchCall,
    /// <summary>The call exists but the action does not apply in its current phase (hang-up while ringing, for example).</summary>
    NotApplicable,
    /// <summary>The request itself is wrong whatever the call's phase: DTMF digits other than 0-9 * # A-D, a party not in the call.</summary>
    InvalidArgument,
}
