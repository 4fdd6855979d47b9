using Pbx.Grains.Runtime;

namespace Pbx.Grains.Calls;

/// <summary>
/// The SIP edge as a call grain reaches it to act on its own (hang-up requested from outside, maximum duration, dead
/// media): the edge sends the request on the leg and reports nothing back.
/// </summary>
public interface ICallEdge : IGrainObserver
{
    /// <summary>Sends <paramref name="request"/> (a BYE) on its leg.</summary>
    Task SendAsync(LegRequest request);

    /// <summary>
    /// Sends <paramref name="request"/> (a re-INVITE with an offer) on its leg, ACKs a 2xx and reports the final response to
    /// <see cref="ICallGrain.OnLegAnswerAsync"/> of the call <paramref name="callKey"/> before completing.
    /// </summary>
    Task ReInviteAsync(string callKey, LegRequest request);
}
