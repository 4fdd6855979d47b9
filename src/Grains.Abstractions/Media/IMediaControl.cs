namespace Pbx.Grains.Media;

/// <summary>
/// What call-control grains ask of a media node: RTP endpoints negotiated by SDP offer/answer, bridging, prompts,
/// tones, recording, conferences. Every argument and result is a serializable record or a string: a node serves it across
/// processes as <see cref="IMediaNode"/>, and grains get the silo's router, which picks the node. Events (DTMF, timeouts, playback completion) come back on the
/// <see cref="IMediaEvents"/> observer given at allocation.
/// </summary>
public interface IMediaControl
{
    /// <summary>
    /// Reserves an RTP/RTCP port pair (RFC 3550 section 11: RTP on an even port, RTCP on the next odd one) for one call leg.
    /// A node with no free pair answers <see cref="MediaAllocationResult.Failed"/> instead of throwing.
    /// </summary>
    /// <param name="callId">The call the leg belongs to; used in logs and recording names.</param>
    /// <param name="events">Where DTMF, media timeouts and playback completion for this leg are reported.</param>
    Task<MediaAllocationResult> AllocateAsync(string callId, IMediaEvents events);

    /// <summary>
    /// Takes the remote party's SDP offer (RFC 3264 section 6) for the endpoint and returns the node's answer: codecs
    /// in the offerer's preference order that the node supports, the node's address in c=, the matching direction.
    /// </summary>
    /// <exception cref="MediaNegotiationException">The offer shares no codec with the node or is not valid SDP.</exception>
    Task<string> AnswerAsync(string endpointId, string offerSdp);

    /// <summary>Produces an SDP offer for the endpoint (for the other leg of a call, or a hold re-INVITE).</summary>
    /// <param name="endpointId">The endpoint to describe.</param>
    /// <param name="direction">Direction to offer: <see cref="MediaDirection.SendOnly"/> puts the remote on hold (RFC 3264 section 8.4).</param>
    Task<string> OfferAsync(string endpointId, MediaDirection direction);

    /// <summary>Applies the remote party's SDP answer to an offer this node produced with <see cref="OfferAsync"/>.</summary>
    /// <exception cref="MediaNegotiationException">The answer selects no codec the node offered or is not valid SDP.</exception>
    Task AcceptAnswerAsync(string endpointId, string answerSdp);

    /// <summary>
    /// Connects two endpoints so each hears the other: packets are relayed unchanged when both legs use the same codec,
    /// transcoded between PCMU and PCMA when they differ. Stops any playback on either leg.
    /// </summary>
    Task BridgeAsync(string endpointIdA, string endpointIdB);

    /// <summary>Disconnects an endpoint from its bridge partner; both legs then hear silence until told otherwise.</summary>
    Task UnbridgeAsync(string endpointId);

    /// <summary>Starts a prompt or tone toward the endpoint, replacing what it heard before; completion is reported on the observer.</summary>
    Task PlayAsync(string endpointId, PlaybackRequest request);

    /// <summary>Stops playback on the endpoint; the observer hears <see cref="PlaybackOutcome.Stopped"/>.</summary>
    Task StopPlaybackAsync(string endpointId);

    /// <summary>
    /// Sends <paramref name="digits"/> to the endpoint's remote party as RFC 4733 telephone-events (with the negotiated
    /// payload type, end-of-event packets sent three times), or as in-band tones when the remote did not offer
    /// telephone-event. Completes when the digits have been sent.
    /// </summary>
    Task SendDtmfAsync(string endpointId, string digits);

    /// <summary>Starts recording one leg (mono) or both legs of a call (stereo: first endpoint left, second right).</summary>
    /// <returns>Full path of the WAV file being written under the configured recordings directory.</returns>
    Task<string> StartRecordingAsync(RecordingRequest request);

    /// <summary>Stops a recording and completes its WAV file.</summary>
    Task StopRecordingAsync(string recordingId);

    /// <summary>Adds the endpoint to a conference (created on first join): it hears the sum of the other members, never itself.</summary>
    Task JoinConferenceAsync(string conferenceId, string endpointId);

    /// <summary>Removes the endpoint from its conference; the conference disappears with its last member.</summary>
    Task LeaveConferenceAsync(string endpointId);

    /// <summary>Mutes or unmutes a conference member: a muted member still hears the others.</summary>
    Task SetConferenceMuteAsync(string endpointId, bool muted);

    /// <summary>Frees the endpoint and its ports; releasing an unknown or already released endpoint does nothing.</summary>
    Task ReleaseAsync(string endpointId);
}
