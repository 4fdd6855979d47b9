using Microsoft.Extensions.Logging;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// One call's media anchor on the media node: an endpoint per side (and one for a transfer's target), each leg's SDP
/// negotiated on its own endpoint, the bridge between them, and music on hold. A negotiation the node refuses is logged
/// and answered as a failure, never thrown into the call's signalling.
/// </summary>
internal sealed partial class CallMedia(CallContext call, IMediaControl media, CallOptions options, ILogger logger)
{
    private const string MusicOnHoldPlayback = "music-on-hold";

    private CallState State => call.State;

    public IMediaControl Node => media;

    /// <summary>
    /// Anchors a new call: an endpoint per side, the answer owed to the caller for <paramref name="offer"/> and the offer
    /// for the callee. False when the node has no endpoint or cannot answer the offer.
    /// </summary>
    public async Task<bool> AnchorAsync(string offer)
    {
        var caller = await AllocateAsync();
        if (caller is null)
            return false;
        State.CallerEndpoint = caller;
        var callee = await AllocateAsync();
        if (callee is null)
            return false;
        State.CalleeEndpoint = callee;
        try
        {
            State.PendingAnswer = await media.AnswerAsync(caller, offer);
            State.CalleeOffer = await media.OfferAsync(callee, MediaDirection.SendReceive);
            return true;
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(call.Key, e);
            return false;
        }
    }

    /// <summary>A new endpoint on the least loaded node, its events sent to this call; null (logged) when no node has one.</summary>
    public async Task<string?> AllocateAsync()
    {
        var allocation = await media.AllocateAsync(call.Key, call.Self);
        if (allocation.Succeeded)
            return allocation.EndpointId;
        LogMediaUnavailable(call.Key, allocation.Reason);
        return null;
    }

    /// <summary>A party's SDP answer to our offer on <paramref name="endpoint"/>; false when the node cannot use it.</summary>
    public async Task<bool> AcceptAnswerAsync(string endpoint, string sdp)
    {
        try
        {
            await media.AcceptAnswerAsync(endpoint, sdp);
            return true;
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(call.Key, e);
            return false;
        }
    }

    /// <summary>Our answer on <paramref name="endpoint"/> to a party's new offer; null when the node cannot take it.</summary>
    public async Task<string?> AnswerAsync(string endpoint, string offer)
    {
        try
        {
            return await media.AnswerAsync(endpoint, offer);
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(call.Key, e);
            return null;
        }
    }

    /// <summary>
    /// RFC 3264 section 8: a party's new offer is answered on its own endpoint, and the other side gets a fresh offer from
    /// its endpoint, sendonly when the offer holds, so hold reaches the other phone. Null when the node cannot take it.
    /// </summary>
    public async Task<(string Answer, string Offer)?> ReofferAsync(bool fromCaller, string offer)
    {
        try
        {
            var answer = await media.AnswerAsync(call.Endpoint(fromCaller), offer);
            return (answer, await media.OfferAsync(call.Endpoint(!fromCaller), HoldRule.Holds(offer) ? MediaDirection.SendOnly : MediaDirection.SendReceive));
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(call.Key, e);
            return null;
        }
    }

    public Task BridgeAsync() => media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);

    /// <summary>
    /// The other side answered the offer forwarded to it: a party on hold hears music instead of silence, and bridging
    /// again on resume stops the music. False when the node cannot use the answer.
    /// </summary>
    public async Task<bool> CompleteReofferAsync(bool toCaller, string sdp)
    {
        if (!await AcceptAnswerAsync(call.Endpoint(toCaller), sdp))
            return false;
        if (State.Held)
            await PlayMusicOnHoldAsync(call.Endpoint(toCaller));
        else
            await BridgeAsync();
        return true;
    }

    /// <summary>Loops the music on hold toward the endpoint; a missing or unplayable file leaves the held party in silence, not the call failed.</summary>
    public async Task PlayMusicOnHoldAsync(string endpoint)
    {
        try
        {
            await media.PlayAsync(endpoint, new PlaybackRequest(MusicOnHoldPlayback, options.MusicOnHold, Loop: true));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException)
        {
            LogMusicOnHoldFailed(call.Key, options.MusicOnHold, e);
        }
    }

    /// <summary>Releases the endpoints of both sides that the call still holds.</summary>
    public async Task ReleaseBothAsync()
    {
        foreach (var endpoint in new[] { State.CallerEndpoint, State.CalleeEndpoint })
        {
            if (endpoint.Length > 0)
                await media.ReleaseAsync(endpoint);
        }
    }

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Call {CallId}: no media endpoint: {Reason}")]
    private partial void LogMediaUnavailable(string callId, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Call {CallId}: SDP negotiation failed")]
    private partial void LogNegotiationFailed(string callId, Exception exception);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Warning, Message = "Call {CallId}: music on hold {Prompt} cannot be played; the held party hears silence")]
    private partial void LogMusicOnHoldFailed(string callId, string prompt, Exception exception);
}
