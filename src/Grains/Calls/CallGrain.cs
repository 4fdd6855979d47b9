using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Calls.Recording;
using Pbx.Grains.Calls.Rules;
using Pbx.Data.Cdrs;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Media;
using Pbx.Grains.Persistence;
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
    [PersistentState("call", GrainStorageNames.OutageTolerant)] IPersistentState<CallState> state,
    IMediaControl media,
    CallJournal journal,
    CallRecorder recorder,
    IOptions<CallOptions> options,
    TimeProvider time,
    ILogger<CallGrain> logger,
    ICallEdgeDirectory edges,
    TrunkRouter trunkRouter) : Grain, ICallGrain
{
    /// <summary>Live event topic of calls (key = call id).</summary>
    public const string CallTopic = "call";

    /// <summary>Live event topic of extension activity (key = number).</summary>
    public const string ExtensionTopic = "extension";

    // A finished call with cancelled forks stays active this long (64*T1, RFC 3261 timer B) so a 2xx crossing our CANCEL
    // still finds the cancelled fork's dialog to end with BYE; then it deactivates itself.
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(32);

    private CallParties? _parties;

    private CallState State => state.State;

    private string CallKey => this.GetPrimaryKeyString();

    // The extensions this call deals with, made on first use (the grain's key and factory exist only once activated).
    private CallParties Parties => _parties ??= new CallParties(GrainFactory, CallKey);

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
        await Parties.PrefetchAsync(setup.Caller, setup.Callee);
        if (await TryStartOutboundAsync(setup, now) is { } outbound)
            return outbound;
        await journal.OpenAsync(new CdrOpened(CallKey, setup.Caller, setup.CallerName, setup.Callee, "internal", now));

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
    public Task<CallInstruction> OnForkResponseAsync(ForkResponse response) =>
        CarryOutAsync(RingingMachine.OnForkResponse(State, response), response);

    /// <inheritdoc />
    public Task<CallInstruction> OnRingingEndedAsync(bool noAnswer) => CarryOutAsync(RingingMachine.OnRingingEnded(State, noAnswer), null);

    /// <summary>
    /// Carries out what <see cref="RingingMachine"/> decided for an event of the ringing phase: <paramref name="response"/> is
    /// the fork's response it came from, null when ringing ended.
    /// </summary>
    private async Task<CallInstruction> CarryOutAsync(RingingCommand? command, ForkResponse? response)
    {
        switch (command)
        {
            case RelayRinging:
                return CallInstruction.Act(new CallerResponse(180, "Ringing", null), [], []);
            case RelayEarlyMedia early:
                return await EarlyMediaAsync(early.Sdp);
            case ToTransfer when response is null:
                return await OnTransferRingingEndedAsync();
            case ToTransfer:
                return await OnTransferForkResponseAsync(response);
            case ByeLateAnswer late:
                // RFC 3261 13.2.2.4: the edge ACKs the 2xx; the BYE ends the dialog nobody wants.
                return CallInstruction.Act(null, [], [late.Leg]);
            case ConnectCallee answer:
                NegotiateCalleeSessionTimer(answer.SessionTimer);
                return await AnsweredAsync(answer);
            case TrunkFailed failed:
                return await FailOverAsync(failed, response);
            case ForwardOrEnd forward:
                return await ForwardAsync(forward.Kind, forward.Target, forward.Cancel) ?? await CarryOutAsync(forward.Otherwise, response);
            case EndCall end:
                await EndAsync(end.Disposition, end.Cause, end.Side);
                return CallInstruction.Act(end.Response, end.Cancel, []);
            default:
                return CallInstruction.None;
        }
    }

    /// <inheritdoc />
    public Task<CallInfo> GetInfoAsync() => Task.FromResult(new CallInfo(
        CallKey, State.Caller, State.CallerName, State.Callee, State.Phase, State.StartedAt, State.AnsweredAt, State.EndedAt));

    private async Task<CallInstruction> AnsweredAsync(ConnectCallee answer)
    {
        var (callee, cancel) = (answer.Leg, answer.Cancel);
        if (answer.Sdp is null || !await AcceptAnswerAsync(State.CalleeEndpoint, answer.Sdp))
        {
            await EndAsync(CdrDisposition.Failed, "callee SDP not acceptable", "system");
            return CallInstruction.Act(new CallerResponse(488, "Not Acceptable Here", null), cancel, [DialogLegs.Next(callee)]);
        }
        await media.BridgeAsync(State.CallerEndpoint, State.CalleeEndpoint);
        var now = time.GetUtcNow();
        State.Phase = CallPhase.Answered;
        State.AnsweredAt = now;
        State.CalleeLeg = callee;
        State.RemoteCSeqs[callee.CallId] = 0;
        var callerAnswer = State.PendingAnswer;
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
        return CallInstruction.Act(new CallerResponse(200, "OK", callerAnswer, ResponseSessionTimer(caller: true)), cancel, []);
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

    // Not an ended call: one lingering for a 2xx crossing its CANCEL must stay (Admit is for API actions).
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

    /// <summary>The caller's name the callee sees: the extension's configured name, else the From display name, else the number.</summary>
    private async Task<string> CallerDisplayAsync(string caller, string? fromDisplayName) =>
        (await Parties.FindAsync(caller))?.DisplayName is { Length: > 0 } configured ? configured : fromDisplayName ?? caller;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private void PublishCall(string kind, DateTimeOffset at, string? disposition = null) =>
        journal.PublishCall(CallKey, State, kind, at, disposition);

    private void PublishExtension(string number, string kind, DateTimeOffset at)
    {
        var known = Parties.IsKnownExtension(number);
        var dialledOut = State.Trunk is { Direction: "outbound" } trunk ? trunk.Number : null;
        if (ExtensionStateRule.IsExtension(number, known, CallerIsExtension ? null : State.Caller, dialledOut))
            journal.PublishExtension(number, CallKey, kind, at);
    }
}
