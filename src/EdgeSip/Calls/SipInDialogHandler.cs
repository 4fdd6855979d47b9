using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pbx.Grains;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;
using Orleans;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Requests inside a call's dialogs (BYE, re-INVITE, UPDATE): the Call-ID finds the call (<see cref="CallKeysOfLeg"/>),
/// the call grain decides, the edge answers and forwards to the other leg. Offers that collide with one of ours, or a
/// re-INVITE over another still in progress, are refused here without asking the grain (RFC 3261 14.1, 14.2).
/// </summary>
public sealed partial class SipInDialogHandler(IGrainFactory grains, SipLegSender legs, ILogger<SipInDialogHandler> logger)
{
    // RFC 3261 14.2: the re-INVITEs being served, by leg Call-ID, to refuse one that overlaps.
    private readonly ConcurrentDictionary<string, byte> _reInvitesInProgress = new(StringComparer.Ordinal);

    /// <summary>Serves one in-dialog server transaction.</summary>
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var callId = request.CallId ?? "";
        var offer = request.Body.Length > 0 && request.Method is "INVITE" or "UPDATE";
        // RFC 3261 14.2 and RFC 3311 5.2: an offer while our own offer on the dialog awaits its answer is glare.
        if (offer && legs.HasOfferPending(callId))
        {
            await context.RespondAsync(491, "Request Pending");
            return;
        }
        if (request.Method != "INVITE")
        {
            await ServeAsync(context, callId);
            return;
        }
        if (!_reInvitesInProgress.TryAdd(callId, 0))
        {
            // RFC 3261 14.2: a re-INVITE while an earlier one is still being answered gets 500 with a random Retry-After of 0-10 s.
            var busy = context.CreateResponse(500, "Server Internal Error");
            busy.Add(SipHeaderId.RetryAfter, Random.Shared.Next(0, 11).ToString(CultureInfo.InvariantCulture));
            await context.RespondAsync(busy);
            return;
        }
        try
        {
            await ServeAsync(context, callId);
        }
        finally
        {
            _reInvitesInProgress.TryRemove(callId, out _);
        }
    }

    private async Task ServeAsync(SipServerContext context, string callId)
    {
        var request = context.Request;
        var contactUser = request.To?.Uri.User ?? "pbx";
        var inDialog = new InDialogRequest(callId, request.Method, request.CSeq?.Number ?? 0, SipDialogMessages.Sdp(request));
        await foreach (var callKey in grains.CallKeysOfLegAsync(callId))
        {
            var call = grains.Grain<ICallGrain>(callKey);
            var instruction = await call.OnInDialogRequestAsync(inDialog);
            if (!IsNoSuchDialog(instruction))
            {
                await CarryOutAsync(context, call, callKey, instruction, contactUser);
                return;
            }
        }
        // RFC 3261 12.2.2: no such dialog.
        await context.RespondAsync(481, "Call/Transaction Does Not Exist");
    }

    private static bool IsNoSuchDialog(InDialogInstruction instruction) => instruction is { Respond.Status: 481, Forward: null };

    private async Task CarryOutAsync(SipServerContext context, ICallGrain call, string callKey, InDialogInstruction instruction, string contactUser)
    {
        var request = context.Request;
        var callId = request.CallId ?? "";
        if (instruction.Respond is { } now)
            await RespondAsync(context, now, contactUser);
        if (instruction.Forward is not { } forward)
            return;
        LogForwarding(callKey, request.Method, forward.Leg.CallId);
        // Only an offer can meet glare (RFC 3261 14.1, RFC 3311 5.1); a BYE goes straight.
        var (response, cseq) = forward.Method is "INVITE" or "UPDATE"
            ? await legs.SendRetryingGlareAsync(forward, contactUser)
            : (await legs.SendAsync(forward, contactUser), forward.Leg.LocalCSeq);
        if (instruction.Respond is null)
            await RespondAsync(context, await call.OnForwardedResponseAsync(callId, response.StatusCode, SipDialogMessages.Sdp(response), cseq), contactUser);
    }

    private async Task RespondAsync(SipServerContext context, CallerResponse answer, string contactUser)
    {
        var response = context.CreateResponse(answer.Status, answer.Reason);
        if (answer.Status is >= 200 and < 300 && context.Request.Method is "INVITE" or "UPDATE")
            response.Add(SipHeaderId.Contact, $"<{legs.ContactFor(contactUser, context.Source)}>");
        SipSessionTimerHeaders.Write(response, answer.SessionTimer, response: true);
        SipDialogMessages.SetSdp(response, answer.Sdp);
        await context.RespondAsync(response);
    }
}
