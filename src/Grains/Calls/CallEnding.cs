using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Pbx.Data.Cdrs;
using Pbx.Grains.Calls.Recording;
using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Calls;

/// <summary>
/// How one call ends, and how a party leaves a call that goes on: everything the call holds is given back (forks,
/// endpoints, trunk slots, timers, the recording), its CDR closes, its parties are shown idle and its stored state goes.
/// Also the hang-ups the PBX starts itself (asked from outside, maximum duration, media gone dead, session expired).
/// </summary>
internal sealed partial class CallEnding(CallContext call, CallMedia media, TrunkLegs trunks, CallTimers timers, CallRecorder recorder, ILogger logger)
{
    private const int ByeAttempts = 5;
    private static readonly TimeSpan ByeRetryDelay = TimeSpan.FromSeconds(1);

    // A finished call with cancelled forks stays active this long (64*T1, RFC 3261 timer B) so a 2xx crossing our CANCEL
    // still finds the cancelled fork's dialog to end with BYE; then it deactivates itself.
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(32);

    private CallState State => call.State;

    /// <summary>The call is refused before anyone answered: it ends, and the caller gets <paramref name="status"/>.</summary>
    public async Task<CallDecision> RefuseAsync(int status, string reason, string disposition)
    {
        await EndAsync(disposition, $"{status} {reason}", "system");
        return CallDecision.Refuse(status, reason);
    }

    /// <summary>
    /// Sends BYE on the call's legs (both, or the caller's alone while the PBX itself answered it: a menu) and ends the
    /// call; false when it is not answered or no edge is known.
    /// </summary>
    public async Task<bool> HangUpAsync(string cause)
    {
        if (State.Phase != CallPhase.Answered || State.CallerLeg is not { } caller)
            return false;
        if (await call.FindEdgeAsync() is not { } edge)
            return false;
        DialogLeg[] legs = State.CalleeLeg is { } callee ? [DialogLegs.Next(caller), DialogLegs.Next(callee)] : [DialogLegs.Next(caller)];
        await EndAsync(CdrDisposition.Answered, cause, "system");
        await Task.WhenAll(legs.Select(leg => SendByeAsync(edge, leg)));
        return true;
    }

    /// <summary>Ends the call: media released, CDR completed, events published, mappings and persisted state dropped.</summary>
    public async Task EndAsync(string disposition, string cause, string side)
    {
        var now = call.Now;
        await StopRingingAsync();
        State.Phase = CallPhase.Ended;
        State.EndedAt = now;
        await trunks.ReleaseAsync();
        timers.Stop();
        // Before the endpoints go: the file must be complete when its row is measured.
        await recorder.StopAsync(call.Key, State);
        // A caller still in the menus (it hung up, or the menu did): the CDR keeps where it went and what it pressed.
        if (State.Menu is { } menu)
            State.History.Add(menu.Step("hangup", now));
        await call.Journal.CloseAsync(new CdrClosed(call.Key, State.AnsweredAt, now, disposition, cause, side,
            System.Text.Json.JsonSerializer.Serialize(State.History, System.Text.Json.JsonSerializerOptions.Web)));
        await media.ReleaseBothAsync();
        // Published before the state is cleared: clearing resets State, and the events must still name the parties.
        LogEnded(call.Key, disposition, cause, side);
        call.PublishCall("ended", now, disposition);
        call.PublishExtension(State.Caller, "idle", now);
        call.PublishExtension(State.Ringing, "idle", now);
        await Task.WhenAll(State.LegCallIds.Select(id => call.Grains.Grain<ICallLegGrain>(id).ClearAsync()));
        await Task.WhenAll(
            call.CallerIsExtension ? call.Parties.LeaveAsync(State.Caller) : Task.CompletedTask,
            call.CalleeIsExtension ? call.Parties.LeaveAsync(State.Ringing) : Task.CompletedTask);
        await call.ForgetAsync();
        // Only a call with cancelled forks can still get a 2xx to end; any other goes at once (a lingering activation
        // per call held 32 s of memory and a timer: 32,000 of each at 1,000 calls/s).
        if (State.CancelledForks.Count == 0)
        {
            call.Deactivate();
            return;
        }
        call.After(Linger, () =>
        {
            call.Deactivate();
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A leg leaves a call that goes on (transfer): the recording of the pair it was in stops (the file holds that
    /// conversation), its endpoint is released, its extension leaves the call (call waiting) and is shown idle.
    /// </summary>
    public async Task LeaveAsync(string endpoint, string number)
    {
        await recorder.StopAsync(call.Key, State);
        await media.Node.ReleaseAsync(endpoint);
        await call.Parties.LeaveAsync(number);
        call.PublishExtension(number, "idle", call.Now);
    }

    /// <summary>
    /// The call ends with a transfer or a click-to-call still ringing: its forks are cancelled, the target's endpoint is
    /// released, and a click-to-call originator already connected gets BYE.
    /// </summary>
    private async Task StopRingingAsync()
    {
        var cancel = State.CancelForks();
        if (cancel.Count > 0 && call.Edge is { } edge)
            await edge.ApplyAsync(call.Key, CallInstruction.Act(null, cancel, []));
        if (State.Transfer is { } transfer && transfer.Endpoint.Length > 0 && transfer.Endpoint != State.CallerEndpoint && transfer.Endpoint != State.CalleeEndpoint)
            await media.Node.ReleaseAsync(transfer.Endpoint);
        State.Transfer = null;
        if (State.Originated && State.Phase == CallPhase.Ringing && State.CallerLeg is { } originator && call.Edge is { } pbx)
            await pbx.SendAsync(new LegRequest("BYE", DialogLegs.Next(originator), null));
    }

    /// <summary>
    /// BYE on one leg of a call already ended here. Right after a silo died, the edge's client connection may still run
    /// through that silo's gateway (until the client's gateway list refreshes), and a request to the edge bounces: it is
    /// tried again for a few seconds, so the phones hear of the hang-up the CDR already records.
    /// </summary>
    private async Task SendByeAsync(ICallEdge edge, DialogLeg leg)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await edge.SendAsync(new LegRequest("BYE", leg, null));
                return;
            }
            // Not a timeout: the edge has the BYE then, and a phone that does not answer it would only get it again.
            catch (OrleansException e)
            {
                if (attempt == ByeAttempts)
                {
                    LogByeUndelivered(call.Key, leg.CallId, e);
                    return;
                }
                await Task.Delay(ByeRetryDelay);
            }
        }
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Call {CallId} ended: {Disposition} ({Cause}, by {Side})")]
    private partial void LogEnded(string callId, string disposition, string cause, string side);

    [LoggerMessage(EventId = 2226, Level = LogLevel.Error, Message = "Call {CallId}: BYE on leg {LegCallId} could not reach an edge; the call is ended here, the phone keeps its dialog until its own timers")]
    private partial void LogByeUndelivered(string callId, string legCallId, Exception exception);
}
