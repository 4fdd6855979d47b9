using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>The call's media anchor: endpoints allocated and negotiated on the media node, early media, and the node's events.</summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public Task OnDtmfAsync(DtmfReceived dtmf)
    {
        LogDtmf(CallKey, dtmf.Digit);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnPlaybackCompletedAsync(PlaybackCompleted completed) => Task.CompletedTask;

    /// <summary>RFC 3960: a provisional with SDP is early media (ringback, announcements); bridged so the caller hears it.</summary>
    private async Task<CallInstruction> EarlyMediaAsync(string sdp)
    {
        if (!await AcceptAnswerAsync(State.CalleeEndpoint, sdp))
            return CallInstruction.Act(new CallerResponse(180, "Ringing", null), [], []);
        await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
        return CallInstruction.Act(new CallerResponse(183, "Session Progress", State.PendingAnswer), [], []);
    }

    private async Task<bool> AcceptAnswerAsync(string endpoint, string sdp)
    {
        try
        {
            await media.AcceptAnswerAsync(endpoint, sdp);
            return true;
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            return false;
        }
    }

    /// <summary>
    /// Anchors the new call on the media node: an endpoint per side, the answer owed to the caller and the offer for the
    /// callee, and the caller's name the callee will see. False when the node has no endpoint or cannot answer the offer.
    /// </summary>
    private async Task<bool> AnchorMediaAsync(CallSetup setup)
    {
        var (callerSdp, calleeOffer) = await AllocateEndpointsAsync(setup.OfferSdp);
        if (callerSdp is null || calleeOffer is null)
            return false;
        State.PendingAnswer = callerSdp;
        State.CalleeOffer = calleeOffer;
        State.CallerDisplay = await CallerDisplayAsync(setup.Caller, setup.CallerName);
        return true;
    }

    private async Task<(string? CallerSdp, string? CalleeOffer)> AllocateEndpointsAsync(string offer)
    {
        var self = GrainFactory.Grain<ICallGrain>(CallKey);
        var caller = await media.AllocateAsync(CallKey, self);
        if (!caller.Succeeded)
        {
            LogMediaUnavailable(CallKey, caller.Reason);
            return (null, null);
        }
        State.CallerEndpoint = caller.EndpointId;
        var callee = await media.AllocateAsync(CallKey, self);
        if (!callee.Succeeded)
        {
            LogMediaUnavailable(CallKey, callee.Reason);
            return (null, null);
        }
        State.CalleeEndpoint = callee.EndpointId;
        try
        {
            return (await media.AnswerAsync(caller.EndpointId, offer), await media.OfferAsync(callee.EndpointId, MediaDirection.SendReceive));
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            return (null, null);
        }
    }
}
