using Orleans.Runtime;
using Pbx.Grains.Calls.Rules;
using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>How a call ends: its CDR opened and closed, hang-ups the grain starts itself (asked from outside, maximum duration, media gone dead).</summary>
public sealed partial class CallGrain
{
    private const int ByeAttempts = 5;
    private static readonly TimeSpan ByeRetryDelay = TimeSpan.FromSeconds(1);

    private ICallEdge? _edge;

    /// <summary>The edge for requests the call starts itself; after a reactivation the one the INVITE named is gone.</summary>
    private ICallEdge? Edge => _edge ??= edges.Find();

    /// <inheritdoc />
    /// <remarks>
    /// An answered call activated again from its stored dialogs (its silo died, or it was collected while idle) lost the
    /// edge its INVITE came through: it finds one now, so a hang-up or hold from the API right after a failover has one.
    /// </remarks>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Phase == CallPhase.Answered)
            _edge = await edges.FindAsync();
    }
    private IDisposable? _maxDurationTimer;

    /// <inheritdoc />
    public async Task<CallActionResult> HangupAsync()
    {
        if (Admit(CallAction.Hangup) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        return await HangupBothAsync("hangup requested") ? CallActionResult.Done : CallActionResult.NotApplicable;
    }

    /// <summary>
    /// Whether the call takes <paramref name="action"/> now (<see cref="CallActionRule"/>). When no call lives under this
    /// key (never started, or ended) the activation the request created goes at once.
    /// </summary>
    private CallActionResult Admit(CallAction action)
    {
        var verdict = CallActionRule.Admit(action, new CallActionFacts(State.Phase, State.CallerLeg is not null && State.CalleeLeg is not null,
            Edge is not null, State.Held, State.Transfer is not null, State.Originated, State.RecordingId is not null));
        if (verdict == CallActionResult.NoSuchCall)
            DeactivateOnIdle();
        return verdict;
    }

    /// <inheritdoc />
    public async Task OnMediaTimeoutAsync(MediaTimedOut timeout)
    {
        LogMediaTimeout(CallKey, timeout.EndpointId);
        // A phone that lost power or network never sends BYE; silence on an answered call means it is gone.
        if (State.Phase == CallPhase.Answered)
            await HangupBothAsync("media timeout");
    }

    private void ArmMaxDuration() =>
        _maxDurationTimer = this.RegisterGrainTimer(async _ => await HangupBothAsync("maximum duration"), options.Value.MaxDuration, Timeout.InfiniteTimeSpan);

    /// <summary>Sends BYE on both legs and ends the call; false when no edge is known (the activation was recreated).</summary>
    private async Task<bool> HangupBothAsync(string cause)
    {
        if (State.Phase != CallPhase.Answered || State.CallerLeg is not { } caller || State.CalleeLeg is not { } callee)
            return false;
        if ((Edge ?? (_edge = await edges.FindAsync())) is not { } edge)
            return false;
        caller = DialogLegs.Next(caller);
        callee = DialogLegs.Next(callee);
        await EndAsync(CdrDisposition.Answered, cause, "system");
        await Task.WhenAll(SendByeAsync(edge, caller), SendByeAsync(edge, callee));
        return true;
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
                    LogByeUndelivered(CallKey, leg.CallId, e);
                    return;
                }
                await Task.Delay(ByeRetryDelay);
            }
        }
    }

    private async Task<CallDecision> RefuseAsync(int status, string reason, string disposition)
    {
        await EndAsync(disposition, $"{status} {reason}", "system");
        return CallDecision.Refuse(status, reason);
    }

    /// <summary>Ends the call: media released, CDR completed, events published, mappings and persisted state dropped.</summary>
    private async Task EndAsync(string disposition, string cause, string side)
    {
        var now = time.GetUtcNow();
        await OnEndingAsync();
        State.Phase = CallPhase.Ended;
        State.EndedAt = now;
        await ReleaseTrunkAsync();
        _maxDurationTimer?.Dispose();
        StopSessionTimers();
        // Before the endpoints go: the file must be complete when its row is measured.
        await recorder.StopAsync(CallKey, State);
        await journal.CloseAsync(new CdrClosed(CallKey, State.AnsweredAt, now, disposition, cause, side, System.Text.Json.JsonSerializer.Serialize(State.History, System.Text.Json.JsonSerializerOptions.Web)));
        foreach (var endpoint in new[] { State.CallerEndpoint, State.CalleeEndpoint })
        {
            if (endpoint.Length > 0)
                await media.ReleaseAsync(endpoint);
        }
        // Published before the state is cleared: clearing resets State, and the events must still name the parties.
        LogEnded(CallKey, disposition, cause, side);
        PublishCall("ended", now, disposition);
        PublishExtension(State.Caller, "idle", now);
        PublishExtension(State.Ringing, "idle", now);
        await Task.WhenAll(State.LegCallIds.Select(id => GrainFactory.Grain<ICallLegGrain>(id).ClearAsync()));
        await LeaveCallAsync();
        if (state.RecordExists)
            await state.ClearStateAsync();
        // Only a call with cancelled forks can still get a 2xx to end; any other goes at once (a lingering activation
        // per call held 32 s of memory and a timer: 32,000 of each at 1,000 calls/s).
        if (State.CancelledForks.Count == 0)
        {
            DeactivateOnIdle();
            return;
        }
        this.RegisterGrainTimer(_ =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, Linger, Timeout.InfiniteTimeSpan);
    }
}
