using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// What is asked of a call from outside (API, console: hang up, hold, transfer, record, send keys) once
/// <see cref="CallActionRule"/> admits it, and the media node's events about the call's endpoints.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallActionResult> HangupAsync()
    {
        if (Admit(CallAction.Hangup) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        return await Parts.Ending.HangUpAsync("hangup requested") ? CallActionResult.Done : CallActionResult.NotApplicable;
    }

    /// <inheritdoc />
    public Task<CallActionResult> HoldAsync() => SetHoldAsync(true);

    /// <inheritdoc />
    public Task<CallActionResult> ResumeAsync() => SetHoldAsync(false);

    /// <inheritdoc />
    public async Task<CallActionResult> TransferAsync(string target, string? transferor)
    {
        if (Admit(CallAction.Transfer) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        return await Parts.Transfers.FromApiAsync(target, transferor);
    }

    /// <inheritdoc />
    public async Task<CallActionResult> StartRecordingAsync()
    {
        if (Admit(CallAction.StartRecording) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await Parts.Recorder.StartAsync(CallKey, State);
        await Call.SaveAsync();
        Call.PublishCall("recording-started", Call.Now);
        return CallActionResult.Done;
    }

    /// <inheritdoc />
    public async Task<CallActionResult> StopRecordingAsync()
    {
        if (Admit(CallAction.StopRecording) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await Parts.Recorder.StopAsync(CallKey, State);
        await Call.SaveAsync();
        Call.PublishCall("recording-stopped", Call.Now);
        return CallActionResult.Done;
    }

    /// <inheritdoc />
    public async Task<CallActionResult> SendDtmfAsync(string fromNumber, string digits)
    {
        var verdict = Admit(CallAction.SendDtmf);
        if (verdict == CallActionResult.NoSuchCall)
            return verdict;
        if (!DtmfKeys.AreValid(digits))
            return CallActionResult.InvalidArgument;
        if (verdict != CallActionResult.Done)
            return verdict;
        if (State.EndpointAway(fromNumber) is not { Length: > 0 } endpoint)
            return CallActionResult.InvalidArgument;
        LogSendingDtmf(CallKey, fromNumber, digits.Length);
        // The node answers once the keys are out (160 ms each), so a hang-up asked next cannot cut them short.
        await Parts.Media.Node.SendDtmfAsync(endpoint, digits);
        return CallActionResult.Done;
    }

    /// <inheritdoc />
    public Task<CallActionResult> OriginateAsync(OriginateRequest request) => Parts.ClickToCall.StartAsync(request);

    /// <inheritdoc />
    public Task OnDtmfAsync(DtmfReceived dtmf)
    {
        LogDtmf(CallKey, dtmf.Digit);
        return State.Menu is not null && dtmf.EndpointId == State.CallerEndpoint ? Parts.Menus.OnKeyAsync(dtmf.Digit) : Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnPlaybackCompletedAsync(PlaybackCompleted completed) =>
        State.Menu is not null && completed.EndpointId == State.CallerEndpoint ? Parts.Menus.OnPlaybackCompletedAsync(completed) : Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnMediaTimeoutAsync(MediaTimedOut timeout)
    {
        LogMediaTimeout(CallKey, timeout.EndpointId);
        // A phone that lost power or network never sends BYE; silence on an answered call means it is gone.
        if (State.Phase == CallPhase.Answered)
            await Parts.Ending.HangUpAsync("media timeout");
    }

    private async Task<CallActionResult> SetHoldAsync(bool hold)
    {
        if (Admit(hold ? CallAction.Hold : CallAction.Resume) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await Parts.Dialogs.HoldAsync(hold);
        return CallActionResult.Done;
    }

    /// <summary>
    /// Whether the call takes <paramref name="action"/> now (<see cref="CallActionRule"/>). When no call lives under this
    /// key (never started, or ended) the activation the request created goes at once.
    /// </summary>
    private CallActionResult Admit(CallAction action)
    {
        var verdict = CallActionRule.Admit(action, new CallActionFacts(State.Phase, State.CallerLeg is not null && State.CalleeLeg is not null,
            Call.Edge is not null, State.Held, State.Transfer is not null, State.Originated, State.RecordingId is not null));
        if (verdict == CallActionResult.NoSuchCall)
            DeactivateOnIdle();
        return verdict;
    }
}
