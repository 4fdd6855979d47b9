using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Live;

namespace Pbx.Grains.Calls;

/// <summary>
/// What calls tell the rest of the PBX as they go: their CDR and recording rows, through the durable CDR queue (a write
/// is journalled before the call moves on); their live events, for consoles and wallboards; and the call counts of
/// <see cref="CallMetrics"/>, kept in step with the rows (started when a row opens, ended when it closes). One per silo.
/// </summary>
public sealed class CallJournal(CdrQueue cdrs, ILiveEvents liveEvents)
{
    /// <summary>A call starts: its row is opened and it counts as started and active.</summary>
    public Task OpenAsync(CdrOpened opened)
    {
        CallMetrics.OnStarted();
        return cdrs.WriteAsync(opened);
    }

    /// <summary>A change to a call's row, or a row of its recording.</summary>
    public Task WriteAsync(CdrWrite write) => cdrs.WriteAsync(write);

    /// <summary>A call ends: its row is closed and it counts as ended with its disposition.</summary>
    public Task CloseAsync(CdrClosed closed)
    {
        CallMetrics.OnEnded(closed.Disposition);
        return cdrs.WriteAsync(closed);
    }

    /// <summary>A call's event on the <see cref="CallGrain.CallTopic"/> topic, describing the call as <paramref name="state"/> holds it.</summary>
    public void PublishCall(string callKey, CallState state, string kind, DateTimeOffset at, string? disposition = null) =>
        liveEvents.Publish(CallGrain.CallTopic, callKey, kind, new
        {
            caller = state.Caller,
            callerName = state.CallerName,
            callee = state.Callee,
            state = state.Phase.ToString().ToLowerInvariant(),
            held = state.Held,
            recording = state.RecordingId is not null,
            menu = state.Menu?.MenuId,
            startedAt = state.StartedAt,
            answeredAt = state.AnsweredAt,
            endedAt = state.EndedAt,
            disposition,
        }, at);

    /// <summary>Extension <paramref name="number"/>'s activity in call <paramref name="callKey"/> (ringing, in-call, idle, dnd).</summary>
    public void PublishExtension(string number, string callKey, string kind, DateTimeOffset at) =>
        liveEvents.Publish(CallGrain.ExtensionTopic, number, kind, new { callId = callKey }, at);
}
