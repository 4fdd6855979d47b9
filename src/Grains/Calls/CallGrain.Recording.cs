using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Calls.Recording;

namespace Pbx.Grains.Calls;

/// <summary>
/// Recording asked from outside (API, console) and from the parties' settings at the answer; the
/// <see cref="CallRecorder"/> records, this says when.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallActionResult> StartRecordingAsync()
    {
        if (Admit(CallAction.StartRecording) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await recorder.StartAsync(CallKey, State);
        await state.WriteStateAsync();
        PublishCall("recording-started", time.GetUtcNow());
        return CallActionResult.Done;
    }

    /// <inheritdoc />
    public async Task<CallActionResult> StopRecordingAsync()
    {
        if (Admit(CallAction.StopRecording) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await recorder.StopAsync(CallKey, State);
        await state.WriteStateAsync();
        PublishCall("recording-stopped", time.GetUtcNow());
        return CallActionResult.Done;
    }

    /// <summary>At the answer: records when <c>Calls:RecordAll</c> is on or either party has <c>recordCalls</c> in its settings.</summary>
    private async Task RecordFromAnswerAsync()
    {
        await recorder.StartAtAnswerAsync(CallKey, State, options.Value.RecordAll,
            async () => ExtensionCallSettings.Parse((await Parties.FindAsync(State.Caller))?.SettingsJson ?? "{}").RecordCalls);
    }
}
