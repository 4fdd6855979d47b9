using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Pbx.Data.Recordings;
using Pbx.Grains.Media;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Calls.Recording;

/// <summary>
/// Call recording: a stereo WAV of the answered pair (caller left, callee right) on the media node, and its
/// <c>recordings</c> row written through the <see cref="CallJournal"/> (opened when recording starts, completed with the
/// file's size and length when it stops), referenced by the call's CDR. The call's state says what is being recorded.
/// </summary>
public sealed partial class CallRecorder(IMediaControl media, CallJournal journal, TimeProvider time, ILogger<CallRecorder> logger)
{
    /// <summary>Starts recording the call's answered pair.</summary>
    public async Task StartAsync(string callKey, CallState state)
    {
        var now = time.GetUtcNow();
        // The id names the file: letters, digits and '-' only (a Call-ID may hold '@' and '.'), sortable by time.
        var id = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        state.RecordingPath = await media.StartRecordingAsync(new RecordingRequest(id, state.CallerEndpoint, state.CalleeEndpoint));
        state.RecordingId = id;
        await journal.WriteAsync(new RecordingOpened(callKey, state.RecordingPath, now));
        LogRecordingStarted(callKey, state.RecordingPath);
    }

    /// <summary>
    /// Starts recording at the answer when <see cref="RecordingRule.FromAnswerAsync"/> says so. A full or unwritable
    /// recordings disk costs the recording, never the answered call itself.
    /// </summary>
    public async Task StartAtAnswerAsync(string callKey, CallState state, bool recordAll, Func<Task<bool>> callerRecords)
    {
        if (!await RecordingRule.FromAnswerAsync(recordAll, state.Settings.RecordCalls, callerRecords))
            return;
        try
        {
            await StartAsync(callKey, state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRecordingFailed(callKey, e);
        }
    }

    /// <summary>Stops the running recording, if any, so its file is complete, and queues its row's completion.</summary>
    public async Task StopAsync(string callKey, CallState state)
    {
        if (state.RecordingId is not { } id || state.RecordingPath is not { } path)
            return;
        await media.StopRecordingAsync(id);
        state.RecordingId = null;
        state.RecordingPath = null;
        var (size, duration) = RecordingFile.Measure(path) ?? (0, 0);
        await journal.WriteAsync(new RecordingClosed(callKey, path, size, duration, time.GetUtcNow()));
        LogRecordingStopped(callKey, path, duration);
    }

    // EventIds 2220-2229 (shared with the call grain): recording.
    [LoggerMessage(EventId = 2220, Level = LogLevel.Information, Message = "Call {CallId}: recording to {Path}")]
    private partial void LogRecordingStarted(string callId, string path);

    [LoggerMessage(EventId = 2221, Level = LogLevel.Information, Message = "Call {CallId}: recording {Path} complete, {DurationMs} ms")]
    private partial void LogRecordingStopped(string callId, string path, long durationMs);

    [LoggerMessage(EventId = 2225, Level = LogLevel.Error, Message = "Call {CallId}: the recording cannot be written; the call goes on unrecorded")]
    private partial void LogRecordingFailed(string callId, Exception exception);
}
