using System.Globalization;
using Pbx.Data.Recordings;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Calls;

/// <summary>
/// Call recording: a stereo WAV of the answered call (caller left, callee right) on the media node, a <c>recordings</c>
/// row written through the CDR queue and referenced by the CDR, completed when recording stops or the call ends.
/// </summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallActionResult> StartRecordingAsync()
    {
        if (Admit(CallAction.StartRecording) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await BeginRecordingAsync();
        await state.WriteStateAsync();
        PublishCall("recording-started", time.GetUtcNow());
        return CallActionResult.Done;
    }

    /// <inheritdoc />
    public async Task<CallActionResult> StopRecordingAsync()
    {
        if (Admit(CallAction.StopRecording) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        await FinishRecordingAsync();
        await state.WriteStateAsync();
        PublishCall("recording-stopped", time.GetUtcNow());
        return CallActionResult.Done;
    }

    /// <summary>At the answer: records when <c>Calls:RecordAll</c> is on or either party has <c>recordCalls</c> in its settings.</summary>
    private async Task RecordFromAnswerAsync()
    {
        var record = options.Value.RecordAll || State.Settings.RecordCalls
            || ExtensionCallSettings.Parse((await FindExtensionAsync(State.Caller))?.SettingsJson ?? "{}").RecordCalls;
        if (!record)
            return;
        try
        {
            await BeginRecordingAsync();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or unwritable recordings disk must not cost the answered call itself.
            LogRecordingFailed(CallKey, e);
        }
    }

    private async Task BeginRecordingAsync()
    {
        var now = time.GetUtcNow();
        // The id names the file: letters, digits and '-' only (a Call-ID may hold '@' and '.'), sortable by time.
        var id = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmmss}-{NewId()}");
        State.RecordingPath = await media.StartRecordingAsync(new RecordingRequest(id, State.CallerEndpoint, State.CalleeEndpoint));
        State.RecordingId = id;
        await journal.WriteAsync(new RecordingOpened(CallKey, State.RecordingPath, now));
        LogRecordingStarted(CallKey, State.RecordingPath);
    }

    /// <summary>Stops the running recording, if any, so its file is complete, and queues its row's completion.</summary>
    private async Task FinishRecordingAsync()
    {
        if (State.RecordingId is not { } id || State.RecordingPath is not { } path)
            return;
        await media.StopRecordingAsync(id);
        State.RecordingId = null;
        State.RecordingPath = null;
        var (size, duration) = RecordingFile.Measure(path) ?? (0, 0);
        await journal.WriteAsync(new RecordingClosed(CallKey, path, size, duration, time.GetUtcNow()));
        LogRecordingStopped(CallKey, path, duration);
    }
}
