using Pbx.Grains.Media;
using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.Calls;

/// <summary>
/// One call (key = the caller leg's Call-ID), a back-to-back user agent: it runs the dial plan, anchors media on a media
/// node, holds both legs' dialog data and writes the CDR. The edge turns SIP into calls on this interface and carries out
/// the returned instructions; it keeps no call state of its own. Media events for the call's endpoints come back here.
/// </summary>
public interface ICallGrain : IGrainWithStringKey, IMediaEvents
{
    /// <summary>A new authenticated INVITE: runs the dial plan, opens the CDR, allocates media and says which contacts to ring.</summary>
    Task<CallDecision> StartAsync(CallSetup setup);

    /// <summary>
    /// A new INVITE from a carrier trunk: finds the DID among the called-number candidates (normalised with the trunk's
    /// number plan) and rings its extension like an internal call; unknown DID 404, other destination kinds 480, trunk full 503.
    /// </summary>
    Task<CallDecision> StartFromTrunkAsync(TrunkCallSetup setup);

    /// <summary>A fork answered 1xx, 2xx or failed (3xx-6xx, or a local 408/487/503).</summary>
    Task<CallInstruction> OnForkResponseAsync(ForkResponse response);

    /// <summary>The caller cancelled (CANCEL, RFC 3261 9.2; the 487 was sent) or the no-answer time ran out.</summary>
    /// <param name="noAnswer">True when the ringing timed out rather than the caller cancelling.</param>
    Task<CallInstruction> OnRingingEndedAsync(bool noAnswer);

    /// <summary>A request inside either leg's dialog.</summary>
    Task<InDialogInstruction> OnInDialogRequestAsync(InDialogRequest request);

    /// <summary>The other leg's final response to a request forwarded by <see cref="OnInDialogRequestAsync"/>.</summary>
    /// <param name="fromCallId">Call-ID of the leg the original request came on.</param>
    /// <param name="status">Status of the other leg's final response.</param>
    /// <param name="sdp">Its SDP answer, if any.</param>
    /// <param name="localCSeq">
    /// The CSeq the edge used on the other leg last: one above the grain's when a 491 made it send the re-INVITE again
    /// (RFC 3261 14.1), and the dialog goes on from it.
    /// </param>
    Task<CallerResponse> OnForwardedResponseAsync(string fromCallId, int status, string? sdp, uint localCSeq);

    /// <summary>Ends an answered call from outside (API, console): BYE to both phones, CDR closed with side "system".</summary>
    Task<CallActionResult> HangupAsync();

    /// <summary>
    /// Puts both phones of an answered call on hold from outside: each gets a re-INVITE offering sendonly (RFC 3264 8.4)
    /// and hears music on hold from the media node; event "held".
    /// </summary>
    Task<CallActionResult> HoldAsync();

    /// <summary>Takes a call held by <see cref="HoldAsync"/> off hold: re-INVITEs with sendrecv, the phones bridged again; event "resumed".</summary>
    Task<CallActionResult> ResumeAsync();

    /// <summary>
    /// Blind transfer asked from outside (API, console, phone page): <paramref name="transferor"/> leaves the call with a
    /// BYE and the party it was talking to is connected to <paramref name="target"/> (rung like a new call; CDR history
    /// records the transfer). A null transferor means the callee leaves and the caller is transferred.
    /// </summary>
    Task<CallActionResult> TransferAsync(string target, string? transferor);

    /// <summary>Starts recording an answered call (stereo WAV: caller left, callee right); a recordings row is written and the CDR points to it.</summary>
    Task<CallActionResult> StartRecordingAsync();

    /// <summary>Stops the recording started by <see cref="StartRecordingAsync"/> and completes its file and row.</summary>
    Task<CallActionResult> StopRecordingAsync();

    /// <summary>
    /// Sends DTMF <paramref name="digits"/> (0-9, *, #, A-D) from <paramref name="fromNumber"/>'s side toward the other party:
    /// RFC 4733 events when that party negotiated telephone-event, in-band tones otherwise; completes once they are sent.
    /// <see cref="CallActionResult.InvalidArgument"/> for other digits or a number that is neither party,
    /// <see cref="CallActionResult.NotApplicable"/> before the call is answered.
    /// </summary>
    Task<CallActionResult> SendDtmfAsync(string fromNumber, string digits);

    /// <summary>While the call rings: cancels the ringing forks and rings <paramref name="target"/> instead (deflect, RFC 3261 8.3 style redirect done by the PBX).</summary>
    Task<CallActionResult> DeflectAsync(string target);

    /// <summary>
    /// Click-to-call on a fresh call key: rings every phone of <see cref="OriginateRequest.From"/>; when one answers, calls
    /// <see cref="OriginateRequest.To"/> and bridges the two. The CDR shows From as caller.
    /// </summary>
    Task<CallActionResult> OriginateAsync(OriginateRequest request);

    /// <summary>
    /// A phone's final response to a re-INVITE the call sent on its own (<see cref="ICallEdge.ReInviteAsync"/>). It interleaves
    /// because the edge reports it while the hold or resume that sent the re-INVITE is still awaiting the edge.
    /// </summary>
    /// <param name="legCallId">Call-ID of the leg the re-INVITE went on.</param>
    /// <param name="status">Final status.</param>
    /// <param name="sdp">The phone's SDP answer, if any.</param>
    /// <param name="localCSeq">The CSeq the edge used last on the leg (higher than asked after a 491 and a retry, RFC 3261 14.1).</param>
    [AlwaysInterleave]
    Task OnLegAnswerAsync(string legCallId, int status, string? sdp, uint localCSeq);

    /// <summary>
    /// A REFER on one leg (RFC 3515): the answer for it, 202 when the transfer starts. The edge sends that answer and then
    /// calls <see cref="OnReferAcceptedAsync"/>, so the NOTIFYs about the transfer follow the 202 (RFC 3515 2.4.4).
    /// </summary>
    Task<CallerResponse> OnReferAsync(ReferRequest refer);

    /// <summary>Starts the transfer a 202 was sent for: NOTIFY 100 Trying, then rings the target or joins the replaced dialog.</summary>
    /// <param name="legCallId">Call-ID of the leg the REFER came on.</param>
    Task OnReferAcceptedAsync(string legCallId);

    /// <summary>
    /// Attended transfer (RFC 3891): another call takes over this call's leg that is not the <paramref name="replaced"/> dialog,
    /// with its media endpoint; this call sends BYE on the replaced leg and ends. Null when this call has no answered leg
    /// matching the dialog's Call-ID and tags (the REFER's NOTIFY then says 481, RFC 3891 section 3).
    /// </summary>
    /// <param name="replaced">The transferor's dialog in this call, as named by Replaces.</param>
    Task<HandedOverLeg?> HandOverAsync(ReplacesDialog replaced);

    /// <summary>The call's live state.</summary>
    [ReadOnly]
    Task<CallInfo> GetInfoAsync();
}
