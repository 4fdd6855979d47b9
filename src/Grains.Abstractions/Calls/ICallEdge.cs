using Orleans;

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

    /// <summary>
    /// INVITEs <paramref name="forks"/> for a call the PBX starts on its own (transfer target, click-to-call) and returns
    /// once they are sent: each response goes to <see cref="ICallGrain.OnForkResponseAsync"/> of <paramref name="callKey"/>
    /// and the returned instruction is carried out; after <paramref name="noAnswerTimeout"/> without an answer the edge
    /// calls <see cref="ICallGrain.OnRingingEndedAsync"/> with noAnswer true.
    /// </summary>
    Task RingAsync(string callKey, IReadOnlyList<ForkTarget> forks, TimeSpan noAnswerTimeout);

    /// <summary>
    /// Carries out <paramref name="instruction"/> on the forks this edge is ringing for <paramref name="callKey"/> (deflect:
    /// CANCEL the ringing forks, ring new ones); nothing when the edge rings nothing for the call.
    /// </summary>
    Task ApplyAsync(string callKey, CallInstruction instruction);

    /// <summary>Sends OPTIONS as <paramref name="probe"/> says and reports the carrier's answer (a trunk test).</summary>
    Task<Trunks.TrunkProbeResult> ProbeAsync(Trunks.TrunkProbe probe);
}
