using Microsoft.Extensions.Logging;
using Pbx.Grains;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;
using Orleans;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Requests inside a call's dialogs (BYE, re-INVITE, UPDATE): the Call-ID finds the call (<see cref="CallKeysOfLeg"/>),
/// the call grain decides, the edge answers and forwards to the other leg.
/// </summary>
public sealed partial class SipInDialogHandler(IGrainFactory grains, SipLegSender legs, ILogger<SipInDialogHandler> logger)
{
    /// <summary>Serves one in-dialog server transaction.</summary>
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var callId = request.CallId ?? "";
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
        var response = await legs.SendAsync(forward, contactUser);
        if (instruction.Respond is null)
            await RespondAsync(context, await call.OnForwardedResponseAsync(callId, response.StatusCode, SipDialogMessages.Sdp(response)), contactUser);
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
