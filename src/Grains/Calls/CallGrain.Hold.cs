using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>Hold and resume asked from outside (API, console): the PBX re-INVITEs both phones and plays music on hold.</summary>
public sealed partial class CallGrain
{
    private const string MusicOnHoldPlayback = "music-on-hold";

    /// <inheritdoc />
    public Task<CallActionResult> HoldAsync() => SetHoldAsync(true);

    /// <inheritdoc />
    public Task<CallActionResult> ResumeAsync() => SetHoldAsync(false);

    /// <inheritdoc />
    public async Task OnLegAnswerAsync(string legCallId, int status, string? sdp, uint localCSeq)
    {
        // In memory only: this call interleaves with the hold that sent the re-INVITEs of both legs at once, and two state
        // writes must not overlap; the next write of the call keeps it.
        LocalCSeqUsed(legCallId, localCSeq);
        if (status is < 200 or >= 300 || sdp is null)
        {
            LogReInviteRefused(CallKey, legCallId, status);
            return;
        }
        var endpoint = State.CallerLeg?.CallId == legCallId ? State.CallerEndpoint : State.CalleeEndpoint;
        try
        {
            await media.AcceptAnswerAsync(endpoint, sdp);
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
        }
    }

    private async Task<CallActionResult> SetHoldAsync(bool hold)
    {
        if (Admit(hold ? CallAction.Hold : CallAction.Resume) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        var (edge, caller, callee) = (Edge!, State.CallerLeg!, State.CalleeLeg!);

        State.CallerLeg = caller = DialogLegs.Next(caller);
        State.CalleeLeg = callee = DialogLegs.Next(callee);
        State.Held = hold;
        // RFC 3264 8.4: offering sendonly tells each phone it is held (it stops sending); the node keeps sending it music.
        var direction = hold ? MediaDirection.SendOnly : MediaDirection.SendReceive;
        if (hold)
            await media.UnbridgeAsync(State.CallerEndpoint);
        var callerOffer = await media.OfferAsync(State.CallerEndpoint, direction);
        var calleeOffer = await media.OfferAsync(State.CalleeEndpoint, direction);
        await state.WriteStateAsync();
        await Task.WhenAll(
            edge.ReInviteAsync(CallKey, new LegRequest("INVITE", caller, callerOffer, RequestSessionTimer(caller: true))),
            edge.ReInviteAsync(CallKey, new LegRequest("INVITE", callee, calleeOffer, RequestSessionTimer(caller: false))));
        if (hold)
        {
            await Task.WhenAll(PlayMusicOnHoldAsync(State.CallerEndpoint), PlayMusicOnHoldAsync(State.CalleeEndpoint));
        }
        else
        {
            // Bridging stops the music on both endpoints.
            await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
        }
        PublishCall(hold ? "held" : "resumed", time.GetUtcNow());
        return CallActionResult.Done;
    }

    /// <summary>Loops the music on hold toward the endpoint; a missing or unplayable file leaves the held party in silence, not the call failed.</summary>
    private async Task PlayMusicOnHoldAsync(string endpoint)
    {
        try
        {
            await media.PlayAsync(endpoint, new PlaybackRequest(MusicOnHoldPlayback, options.Value.MusicOnHold, Loop: true));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException)
        {
            LogMusicOnHoldFailed(CallKey, options.Value.MusicOnHold, e);
        }
    }
}
