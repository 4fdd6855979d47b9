using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Calls.Rules;
using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Pbx.Grains.Media;
using Orleans;
using Orleans.Runtime;
using Pbx.Grains.Trunks;

namespace Pbx.Grains.Calls;

/// <summary>
/// A call between two extensions, as a back-to-back user agent (RFC 3261 section 6, B2BUA): the caller's dialog ends
/// here, the callee's starts here, media is anchored on the media node with each leg's SDP rewritten. The grain decides;
/// the edge sends. Dialog data is persisted once answered so a long call survives idle collection.
/// </summary>
public sealed partial class CallGrain(
    [PersistentState("call")] IPersistentState<CallState> state,
    IMediaControl media,
    CdrQueue cdrs,
    ILiveEvents liveEvents,
    IOptions<CallOptions> options,
    TimeProvider time,
    ILogger<CallGrain> logger,
    ICallEdgeDirectory edges,
    TrunkCatalog trunkCatalog,
    IOptions<TrunkOptions> trunkOptions) : Grain, ICallGrain
{
    /// <summary>Live event topic of calls (key = call id).</summary>
    public const string CallTopic = "call";

    /// <summary>Live event topic of extension activity (key = number).</summary>
    public const string ExtensionTopic = "extension";

    // A finished call with cancelled forks stays active this long (64*T1, RFC 3261 timer B) so a 2xx crossing our CANCEL
    // still finds the cancelled fork's dialog to end with BYE; then it deactivates itself.
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(32);

    // Forward chains longer than this are a loop or a misconfiguration.
    private const int MaxForwards = 5;

    private CallState State => state.State;

    private string CallKey => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<CallDecision> StartAsync(CallSetup setup)
    {
        if (State.Phase != CallPhase.None)
            return CallDecision.Refuse(482, "Loop Detected");
        // Before any state: the caller retries on the same Call-ID with a longer interval (RFC 4028 section 7.3).
        if (SessionIntervalTooSmall(setup.SessionTimer) is { } tooSmall)
            return tooSmall;
        NegotiateCallerSessionTimer(setup.SessionTimer);
        var now = time.GetUtcNow();
        State.Phase = CallPhase.Ringing;
        State.Caller = setup.Caller;
        State.CallerName = setup.CallerName;
        State.Callee = setup.Callee;
        State.Ringing = setup.Callee;
        State.StartedAt = now;
        State.CallerLeg = setup.CallerLeg;
        _edge = setup.Edge;
        State.RemoteCSeqs[setup.CallerLeg.CallId] = 0;
        await JoinAsCallerAsync();
        await PrefetchExtensionsAsync(setup.Caller, setup.Callee);
        if (await TryStartOutboundAsync(setup, now) is { } outbound)
            return outbound;
        await OpenCdrAsync(new CdrOpened(CallKey, setup.Caller, setup.CallerName, setup.Callee, "internal", now));

        var target = await RouteAsync(setup.Callee, now);
        if (target is null)
            return await ForwardAlwaysOutAsync(setup, now) ?? await RefuseAsync(404, "Not Found", CdrDisposition.Failed);
        if (target.Length == 0)
            return await RefuseAsync(486, "Busy Here", CdrDisposition.Busy);
        if (!await AnchorMediaAsync(setup))
            return await RefuseAsync(488, "Not Acceptable Here", CdrDisposition.Failed);

        var (forks, refusal) = await RingAsync(target);
        if (refusal == BusyHere && await ForwardAsync("forward-busy", State.Settings.ForwardBusy, []) is { } forwarded)
            (forks, refusal) = ([.. forwarded.Forks], null);
        if (refusal is not null)
            return await RefuseAsync(refusal.Status, refusal.Reason, refusal.Status == 486 ? CdrDisposition.Busy : CdrDisposition.NoAnswer);
        LogRinging(CallKey, setup.Caller, target, forks.Count);
        PublishCall("ringing", now);
        PublishExtension(setup.Caller, "in-call", now);
        return new CallDecision(null, forks, NoAnswerTimeout());
    }

    /// <inheritdoc />
    public async Task<CallInstruction> OnForkResponseAsync(ForkResponse response)
    {
        var ringing = State.Forks.TryGetValue(response.ForkId, out var fork);
        var cancelled = State.CancelledForks.TryGetValue(response.ForkId, out var late);
        var step = ForkResponseRule.Decide(new ForkResponseFacts(
            State.Phase, State.Transfer is not null, ringing, cancelled, response.Status, response.Sdp is not null));
        switch (step)
        {
            case ForkResponseStep.Transfer:
                return await OnTransferForkResponseAsync(response);
            case ForkResponseStep.EndLateAnswer:
                // RFC 3261 13.2.2.4: the edge ACKs the 2xx; the BYE ends the dialog nobody wants.
                return CallInstruction.Act(null, [], [Next(Confirmed(late!, response))]);
            case ForkResponseStep.EarlyMedia:
                return await EarlyMediaAsync(response.Sdp!);
            case ForkResponseStep.Ringing:
                return CallInstruction.Act(new CallerResponse(180, "Ringing", null), [], []);
            case ForkResponseStep.Answer:
                NegotiateCalleeSessionTimer(response.SessionTimer);
                return await AnsweredAsync(response.ForkId, Confirmed(fork!, response), response.Sdp);
            case ForkResponseStep.Failed:
                return await ForkFailedAsync(response, fork!);
            default:
                return CallInstruction.None;
        }
    }

    private async Task<CallInstruction> ForkFailedAsync(ForkResponse response, DialogLeg fork)
    {
        State.Forks.Remove(response.ForkId);
        State.FailedStatuses.Add(response.Status);
        if (await FailOverAsync(response, fork) is { } failedOver)
            return failedOver;
        var (failure, disposition) = State.FailureOutcome();
        switch (ForkFailureRule.Decide(State.Forks.Count, disposition, State.Settings.ForwardBusy is { Length: > 0 }))
        {
            case ForkFailureStep.WaitForOthers:
                return CallInstruction.None;
            case ForkFailureStep.ForwardBusy when await ForwardAsync("forward-busy", State.Settings.ForwardBusy, []) is { } forwarded:
                return forwarded;
            default:
                await EndAsync(disposition, $"{response.Status} {response.Reason}", "callee");
                return CallInstruction.Act(failure, [], []);
        }
    }

    /// <inheritdoc />
    public async Task<CallInstruction> OnRingingEndedAsync(bool noAnswer)
    {
        if (State.Transfer is not null && State.Forks.Count > 0)
            return await OnTransferRingingEndedAsync();
        if (State.Phase != CallPhase.Ringing)
            return CallInstruction.None;
        var cancel = State.CancelForks();
        if (noAnswer && await ForwardAsync("forward-no-answer", State.Settings.ForwardNoAnswer, cancel) is { } forwarded)
            return forwarded;
        if (noAnswer)
        {
            await EndAsync(CdrDisposition.NoAnswer, "no answer", "system");
            return CallInstruction.Act(new CallerResponse(480, "Temporarily Unavailable", null), cancel, []);
        }
        await EndAsync(CdrDisposition.Cancelled, "CANCEL", "caller");
        return CallInstruction.Act(null, cancel, []);
    }

    /// <inheritdoc />
    public Task<CallInfo> GetInfoAsync() => Task.FromResult(new CallInfo(
        CallKey, State.Caller, State.CallerName, State.Callee, State.Phase, State.StartedAt, State.AnsweredAt, State.EndedAt));

    /// <summary>RFC 3960: a provisional with SDP is early media (ringback, announcements); bridged so the caller hears it.</summary>
    private async Task<CallInstruction> EarlyMediaAsync(string sdp)
    {
        if (!await AcceptAnswerAsync(State.CalleeEndpoint, sdp))
            return CallInstruction.Act(new CallerResponse(180, "Ringing", null), [], []);
        await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
        return CallInstruction.Act(new CallerResponse(183, "Session Progress", State.PendingAnswer), [], []);
    }

    private async Task<CallInstruction> AnsweredAsync(string forkId, DialogLeg callee, string? sdp)
    {
        State.Forks.Remove(forkId);
        var cancel = State.CancelForks();
        if (sdp is null || !await AcceptAnswerAsync(State.CalleeEndpoint, sdp))
        {
            await EndAsync(CdrDisposition.Failed, "callee SDP not acceptable", "system");
            return CallInstruction.Act(new CallerResponse(488, "Not Acceptable Here", null), cancel, [Next(callee)]);
        }
        await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
        var now = time.GetUtcNow();
        State.Phase = CallPhase.Answered;
        State.AnsweredAt = now;
        State.CalleeLeg = callee;
        State.RemoteCSeqs[callee.CallId] = 0;
        var answer = State.PendingAnswer;
        State.PendingAnswer = null;
        await JoinAsCalleeAsync();
        await RecordFromAnswerAsync();
        await state.WriteStateAsync();
        await BindAsync(State.LegCallIds);
        ArmMaxDuration();
        ArmSessionTimer(caller: true);
        ArmSessionTimer(caller: false);
        LogAnswered(CallKey, State.Ringing);
        PublishCall("answered", now);
        PublishExtension(State.Ringing, "in-call", now);
        return CallInstruction.Act(new CallerResponse(200, "OK", answer, ResponseSessionTimer(caller: true)), cancel, []);
    }

    private async Task<bool> AcceptAnswerAsync(string endpoint, string sdp)
    {
        try
        {
            await media.AcceptAnswerAsync(endpoint, sdp);
            return true;
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            return false;
        }
    }

    /// <summary>
    /// Anchors the new call on the media node: an endpoint per side, the answer owed to the caller and the offer for the
    /// callee, and the caller's name the callee will see. False when the node has no endpoint or cannot answer the offer.
    /// </summary>
    private async Task<bool> AnchorMediaAsync(CallSetup setup)
    {
        var (callerSdp, calleeOffer) = await AllocateEndpointsAsync(setup.OfferSdp);
        if (callerSdp is null || calleeOffer is null)
            return false;
        State.PendingAnswer = callerSdp;
        State.CalleeOffer = calleeOffer;
        State.CallerDisplay = await CallerDisplayAsync(setup.Caller, setup.CallerName);
        return true;
    }

    private async Task<(string? CallerSdp, string? CalleeOffer)> AllocateEndpointsAsync(string offer)
    {
        var self = GrainFactory.Grain<ICallGrain>(CallKey);
        var caller = await media.AllocateAsync(CallKey, self);
        if (!caller.Succeeded)
        {
            LogMediaUnavailable(CallKey, caller.Reason);
            return (null, null);
        }
        State.CallerEndpoint = caller.EndpointId;
        var callee = await media.AllocateAsync(CallKey, self);
        if (!callee.Succeeded)
        {
            LogMediaUnavailable(CallKey, callee.Reason);
            return (null, null);
        }
        State.CalleeEndpoint = callee.EndpointId;
        try
        {
            return (await media.AnswerAsync(caller.EndpointId, offer), await media.OfferAsync(callee.EndpointId, MediaDirection.SendReceive));
        }
        catch (MediaNegotiationException e)
        {
            LogNegotiationFailed(CallKey, e);
            return (null, null);
        }
    }

    /// <summary>Rings every registered contact of <paramref name="target"/>, or says why it cannot (480).</summary>
    private async Task<(List<ForkTarget> Forks, CallerResponse? Refusal)> RingAsync(string target)
    {
        // Bindings only: the status would also copy the extension's call list, long for an extension in many calls.
        var profile = await FindExtensionAsync(target);
        var bindings = profile is { Enabled: true } ? await GrainFactory.Grain<IExtensionGrain>(target).GetBindingsAsync() : [];
        if (bindings.Count == 0)
            return ([], new CallerResponse(480, "Temporarily Unavailable", null));
        State.Ringing = target;
        State.Settings = ExtensionCallSettings.Parse(profile!.SettingsJson);
        if (await CallWaitingRefusalAsync(target) is { } busy)
            return ([], busy);
        var caller = State.CallerLeg!;
        // The callee leg mirrors the caller's: same From and To URIs.
        return (await ForkAsync(bindings, target, caller.RemoteUri, caller.LocalUri, State.CalleeOffer, State.CallerDisplay, null), null);
    }

    /// <summary>One fork per contact of <paramref name="number"/>, each a new dialog (fresh Call-ID and tag, RFC 3261 12.1.2) whose Call-ID leads to this call.</summary>
    private async Task<List<ForkTarget>> ForkAsync(IReadOnlyList<ContactBinding> bindings, string number, string localUri, string remoteUri,
        string offer, string display, string? referredBy)
    {
        State.FailedStatuses.Clear();
        var forks = new List<ForkTarget>(bindings.Count);
        foreach (var binding in bindings)
        {
            var forkId = (State.NextForkId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var leg = new DialogLeg(LegCallIds.ToPhone(CallKey), localUri, NewId(), remoteUri, null,
                binding.ContactUri, binding.Path, binding.Transport, binding.SourceAddress, binding.SourcePort, 1);
            State.Forks[forkId] = leg;
            forks.Add(new ForkTarget(forkId, leg, offer, display, ForkSessionTimer(), referredBy));
        }
        PublishExtension(number, "ringing", time.GetUtcNow());
        return forks;
    }

    /// <summary>Call forwarding on busy or no answer: ring <paramref name="to"/> instead; null when not configured or not reachable.</summary>
    private async Task<CallInstruction?> ForwardAsync(string kind, string? to, IReadOnlyList<string> cancel)
    {
        if (string.IsNullOrEmpty(to) || State.History.Count >= MaxForwards)
            return null;
        var from = State.Ringing;
        PublishExtension(from, "idle", time.GetUtcNow());
        if (await FindExtensionAsync(to) is null)
            return await ForwardOutAsync(kind, from, to, cancel);
        var (forks, refusal) = await RingAsync(to);
        if (refusal is not null)
            return null;
        State.History.Add(new DialPlanStep(kind, from, to, time.GetUtcNow()));
        return new CallInstruction(null, cancel, [], forks, NoAnswerTimeout());
    }

    /// <summary>The configured ringing time, shortened by the rung extension's own when it forwards on no answer.</summary>
    private TimeSpan NoAnswerTimeout()
    {
        var configured = options.Value.NoAnswerTimeout;
        return State.Settings.ForwardNoAnswer is { Length: > 0 } && TimeSpan.FromSeconds(State.Settings.NoAnswerSeconds) < configured
            ? TimeSpan.FromSeconds(State.Settings.NoAnswerSeconds)
            : configured;
    }

    /// <summary>
    /// The dial plan for an extension: forward-always and do-not-disturb (with its busy forward) are followed up to
    /// <see cref="MaxForwards"/> hops. Returns the extension to ring, "" for busy, or null when a number does not exist.
    /// </summary>
    private async Task<string?> RouteAsync(string number, DateTimeOffset now)
    {
        for (var hop = 0; hop < MaxForwards; hop++)
        {
            if (await FindExtensionAsync(number) is not { } configuration)
                return null;
            var step = ExtensionRoutingRule.Hop(number, ExtensionCallSettings.Parse(configuration.SettingsJson));
            if (step.Kind == "dnd")
                PublishExtension(number, "dnd", now);
            if (step.IsFinal)
                return step.Next;
            State.History.Add(new DialPlanStep(step.Kind, number, step.Next, now));
            number = step.Next;
        }
        // A forwarding loop (A to B to A...): refuse rather than ring forever.
        return null;
    }

    /// <summary>A call starts: its CDR row is opened (before the call moves on) and it counts as started and active.</summary>
    private Task OpenCdrAsync(CdrOpened opened)
    {
        CallMetrics.OnStarted();
        return cdrs.WriteAsync(opened);
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
        await FinishRecordingAsync();
        CallMetrics.OnEnded(disposition);
        await cdrs.WriteAsync(new CdrClosed(CallKey, State.AnsweredAt, now, disposition, cause, side, System.Text.Json.JsonSerializer.Serialize(State.History, System.Text.Json.JsonSerializerOptions.Web)));
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

    /// <summary>
    /// RFC 3261 12.2.2: a request for a dialog this call does not hold. A Call-ID that leads to no call (a stray or forged
    /// request, a leg handed to another call) activated an empty grain; it goes at once instead of after the collection age.
    /// </summary>
    private CallerResponse NoSuchDialog()
    {
        DeactivateIfNeverStarted();
        return new CallerResponse(481, "Call/Transaction Does Not Exist", null);
    }

    // Not an ended call: one lingering for a 2xx crossing its CANCEL must stay (NoCallHere is for API actions).
    private void DeactivateIfNeverStarted()
    {
        if (State.Phase == CallPhase.None)
            DeactivateOnIdle();
    }

    private Task BindLegsAsync(IEnumerable<string> callIds)
    {
        var added = callIds.ToList();
        State.LegCallIds.AddRange(added);
        return BindAsync(added);
    }

    // Legs in the directory (carrier legs, legs handed over) of an answered call are stored: a BYE or re-INVITE after its
    // silo died still finds the call.
    private Task BindAsync(IEnumerable<string> callIds) =>
        Task.WhenAll(callIds.Select(id => GrainFactory.Grain<ICallLegGrain>(id).BindAsync(CallKey, durable: State.Phase == CallPhase.Answered)));

    private static DialogLeg Confirmed(DialogLeg fork, ForkResponse response) => fork with
    {
        RemoteTag = response.RemoteTag,
        RemoteTarget = response.Contact ?? fork.RemoteTarget,
        // RFC 3261 12.1.2: the UAC's route set is the Record-Route of the response, reversed.
        RouteSet = [.. response.RecordRoute.Reverse()],
        LocalCSeq = response.LocalCSeq ?? fork.LocalCSeq,
    };

    /// <summary>The caller's name the callee sees: the extension's configured name, else the From display name, else the number.</summary>
    private async Task<string> CallerDisplayAsync(string caller, string? fromDisplayName) =>
        (await FindExtensionAsync(caller))?.DisplayName is { Length: > 0 } configured ? configured : fromDisplayName ?? caller;

    private static DialogLeg Next(DialogLeg leg) => leg with { LocalCSeq = leg.LocalCSeq + 1 };

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private void PublishCall(string kind, DateTimeOffset at, string? disposition = null) =>
        liveEvents.Publish(CallTopic, CallKey, kind, new
        {
            caller = State.Caller,
            callerName = State.CallerName,
            callee = State.Callee,
            state = State.Phase.ToString().ToLowerInvariant(),
            held = State.Held,
            recording = State.RecordingId is not null,
            startedAt = State.StartedAt,
            answeredAt = State.AnsweredAt,
            endedAt = State.EndedAt,
            disposition,
        }, at);

    private void PublishExtension(string number, string kind, DateTimeOffset at)
    {
        bool? known = _extensionProfiles.TryGetValue(number, out var profile) ? profile is not null : null;
        var dialledOut = State.Trunk is { Direction: "outbound" } trunk ? trunk.Number : null;
        if (ExtensionStateRule.IsExtension(number, known, CallerIsExtension ? null : State.Caller, dialledOut))
            liveEvents.Publish(ExtensionTopic, number, kind, new { callId = CallKey }, at);
    }
}
