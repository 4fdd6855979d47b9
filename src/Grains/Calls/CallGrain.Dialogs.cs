using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>Requests and responses inside the call's dialogs, as the edge reports them (RFC 3261 12.2, RFC 3311, RFC 3515).</summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<InDialogInstruction> OnInDialogRequestAsync(InDialogRequest request)
    {
        var step = Parts.Dialogs.Judge(request);
        switch (step)
        {
            case InDialogStep.NoSuchDialog:
                return new InDialogInstruction(NoSuchDialog(), null);
            case InDialogStep.OutOfOrder:
                return InDialogRequests.Respond(500, "Server Internal Error");
            case InDialogStep.Glare:
                return InDialogRequests.Respond(491, "Request Pending");
            case InDialogStep.OriginatorHungUp:
                await Parts.ClickToCall.HungUpAsync();
                return InDialogRequests.Respond(200, "OK");
            case InDialogStep.EarlyUpdate:
                return await Parts.Dialogs.EarlyUpdateAsync(request);
            case InDialogStep.TransferorLeft:
                await Parts.Handover.TransferorLeftAsync();
                return InDialogRequests.Respond(200, "OK");
            default:
                return await Parts.Dialogs.AnsweredAsync(step, request);
        }
    }

    /// <inheritdoc />
    public Task<CallerResponse> OnForwardedResponseAsync(string fromCallId, int status, string? sdp, uint localCSeq) =>
        Parts.Dialogs.ForwardedResponseAsync(fromCallId, status, sdp, localCSeq);

    /// <inheritdoc />
    public Task OnLegAnswerAsync(string legCallId, int status, string? sdp, uint localCSeq) =>
        Parts.Dialogs.LegAnsweredAsync(legCallId, status, sdp, localCSeq);

    /// <inheritdoc />
    public async Task<CallerResponse> OnReferAsync(ReferRequest refer)
    {
        var answer = await Parts.Transfers.ReferAsync(refer);
        return answer.Status == 481 ? NoSuchDialog() : answer;
    }

    /// <inheritdoc />
    public async Task OnReferAcceptedAsync(string legCallId)
    {
        if (State.Transfer is not { Started: false } transfer || transfer.LeavingCallId != legCallId)
            return;
        transfer.Started = true;
        // RFC 3515 2.4.5: the first NOTIFY says the referred request is being tried.
        await Parts.Progress.NotifyAsync("SIP/2.0 100 Trying");
        if (transfer.Replaces is { } replaces)
            await Parts.Handover.TakeAsync(replaces);
        else if (await Parts.Transfers.StartBlindAsync() is { } refusal)
            await Parts.Progress.FailedAsync(refusal, Cdrs.CdrDisposition.Failed);
    }

    /// <inheritdoc />
    public async Task<HandedOverLeg?> HandOverAsync(ReplacesDialog replaced)
    {
        var handed = await Parts.Handover.GiveAsync(replaced);
        if (handed is null)
            DeactivateIfNeverStarted();
        return handed;
    }
}
