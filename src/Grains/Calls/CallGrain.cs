using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Pbx.Data.Cdrs;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Persistence;

namespace Pbx.Grains.Calls;

/// <summary>
/// A call between two parties, as a back-to-back user agent (RFC 3261 section 6, B2BUA): the caller's dialog ends
/// here, the callee's starts here, media is anchored on the media node with each leg's SDP rewritten. The grain is the
/// shell: it takes each event, has the rules decide (<see cref="RingingMachine"/>, <see cref="InDialogRule"/>,
/// <see cref="CallActionRule"/>...), and hands the work to the call's parts (<see cref="CallAssembly"/>). Dialog data is
/// persisted once answered so a long call survives idle collection and the loss of its silo.
/// </summary>
public sealed partial class CallGrain(
    [PersistentState("call", GrainStorageNames.OutageTolerant)] IPersistentState<CallState> state,
    CallAssembly assembly,
    ILogger<CallGrain> logger) : Grain, ICallGrain, ICallActivation
{
    /// <summary>Live event topic of calls (key = call id).</summary>
    public const string CallTopic = "call";

    /// <summary>Live event topic of extension activity (key = number).</summary>
    public const string ExtensionTopic = "extension";

    private CallParts? _parts;

    private CallParts Parts => _parts ??= assembly.Assemble(state, this);

    private CallContext Call => Parts.Call;

    private CallState State => state.State;

    private string CallKey => Call.Key;

    /// <inheritdoc />
    /// <remarks>
    /// An answered call activated again from its stored dialogs (its silo died, or it was collected while idle) lost the
    /// edge its INVITE came through: it finds one now, so a hang-up or hold from the API right after a failover has one.
    /// </remarks>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Phase == CallPhase.Answered)
            await Call.FindEdgeAsync();
    }

    /// <inheritdoc />
    public Task<CallDecision> StartAsync(CallSetup setup) => StartAsync(setup, menuId: null);

    /// <summary>Starts the call: into menu <paramref name="menuId"/> when a DID routes there, else by what the callee is.</summary>
    private async Task<CallDecision> StartAsync(CallSetup setup, string? menuId)
    {
        if (State.Phase != CallPhase.None)
            return CallDecision.Refuse(482, "Loop Detected");
        // Before any state: the caller retries on the same Call-ID with a longer interval (RFC 4028 section 7.3).
        if (Parts.Timers.IntervalTooSmall(setup.SessionTimer) is { } tooSmall)
            return tooSmall;
        Parts.Timers.NegotiateCaller(setup.SessionTimer);
        var now = Call.Now;
        State.Phase = CallPhase.Ringing;
        State.Caller = setup.Caller;
        State.CallerName = setup.CallerName;
        State.Callee = setup.Callee;
        State.Ringing = setup.Callee;
        State.StartedAt = now;
        State.CallerLeg = setup.CallerLeg;
        Call.UseEdge(setup.Edge);
        State.RemoteCSeqs[setup.CallerLeg.CallId] = 0;
        if (Call.CallerIsExtension)
            await Call.Parties.JoinAsync(setup.Caller);
        await Call.Parties.PrefetchAsync(setup.Caller, setup.Callee);
        menuId ??= await Parts.Routing.MenuOfAsync(setup.Callee);
        if (menuId is null && await TryStartOutboundAsync(setup, now) is { } outbound)
            return outbound;
        await Call.Journal.OpenAsync(new CdrOpened(CallKey, setup.Caller, setup.CallerName, setup.Callee, "internal", now));
        if (menuId is not null)
        {
            State.CallerDisplay = await Parts.Routing.CallerDisplayAsync(setup.Caller, setup.CallerName);
            return await Parts.Menus.AnswerAsync(menuId, setup.OfferSdp);
        }

        var ending = Parts.Ending;
        var target = await Parts.Routing.RouteAsync(setup.Callee, now);
        if (target is null)
            return await ForwardAlwaysOutAsync(setup, now) ?? await ending.RefuseAsync(404, "Not Found", CdrDisposition.Failed);
        if (target.Length == 0)
            return await ending.RefuseAsync(486, "Busy Here", CdrDisposition.Busy);
        if (!await AnchorMediaAsync(setup))
            return await ending.RefuseAsync(488, "Not Acceptable Here", CdrDisposition.Failed);

        var (forks, refusal) = await Parts.Routing.RingAsync(target);
        if (refusal == CallRouting.BusyHere && await Parts.Routing.ForwardAsync("forward-busy", State.Settings.ForwardBusy, []) is { } forwarded)
            (forks, refusal) = ([.. forwarded.Forks], null);
        if (refusal is not null)
            return await ending.RefuseAsync(refusal.Status, refusal.Reason, refusal.Status == 486 ? CdrDisposition.Busy : CdrDisposition.NoAnswer);
        Parts.Routing.LogRinging(CallKey, setup.Caller, target, forks.Count);
        Call.PublishCall("ringing", now);
        Call.PublishExtension(setup.Caller, "in-call", now);
        return new CallDecision(null, forks, Parts.Routing.NoAnswerTimeout());
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
            case TransferTargetAnswered answered:
                return await TransferTargetAnsweredAsync(answered);
            case TransferTargetFailed when State.Transfer?.Kind == TransferKind.Menu:
                await Parts.Menus.DestinationFailedAsync();
                return CallInstruction.None;
            case TransferTargetFailed:
                await Parts.Progress.TargetFailedAsync();
                return CallInstruction.None;
            case TransferTargetNoAnswer noAnswer when State.Transfer?.Kind == TransferKind.Menu:
                await Parts.Menus.DestinationFailedAsync();
                return CallInstruction.Act(null, noAnswer.Cancel, []);
            case TransferTargetNoAnswer noAnswer:
                await Parts.Progress.FailedAsync(new CallerResponse(480, "Temporarily Unavailable", null), CdrDisposition.NoAnswer);
                return CallInstruction.Act(null, noAnswer.Cancel, []);
            case ByeLateAnswer late:
                // RFC 3261 13.2.2.4: the edge ACKs the 2xx; the BYE ends the dialog nobody wants.
                return CallInstruction.Act(null, [], [late.Leg]);
            case ConnectCallee answer:
                Parts.Timers.NegotiateCallee(answer.SessionTimer);
                return await AnsweredAsync(answer);
            case TrunkFailed failed:
                return await FailOverAsync(failed, response);
            case ForwardOrEnd forward:
                return await Parts.Routing.ForwardAsync(forward.Kind, forward.Target, forward.Cancel) ?? await CarryOutAsync(forward.Otherwise, response);
            case EndCall end:
                await Parts.Ending.EndAsync(end.Disposition, end.Cause, end.Side);
                return CallInstruction.Act(end.Response, end.Cancel, []);
            default:
                return CallInstruction.None;
        }
    }

    /// <inheritdoc />
    public Task<CallInfo> GetInfoAsync() => Task.FromResult(new CallInfo(
        this.GetPrimaryKeyString(), State.Caller, State.CallerName, State.Callee, State.Phase, State.StartedAt, State.AnsweredAt, State.EndedAt));

    /// <summary>
    /// Anchors the new call on the media node (<see cref="CallMedia.AnchorAsync"/>) and settles the caller's name the
    /// callee will see. False when the node has no endpoint or cannot answer the offer.
    /// </summary>
    private async Task<bool> AnchorMediaAsync(CallSetup setup)
    {
        if (!await Parts.Media.AnchorAsync(setup.OfferSdp))
            return false;
        State.CallerDisplay = await Parts.Routing.CallerDisplayAsync(setup.Caller, setup.CallerName);
        return true;
    }

    /// <summary>RFC 3960: a provisional with SDP is early media (ringback, announcements); bridged so the caller hears it.</summary>
    private async Task<CallInstruction> EarlyMediaAsync(string sdp)
    {
        if (!await Parts.Media.AcceptAnswerAsync(State.CalleeEndpoint, sdp))
            return CallInstruction.Act(new CallerResponse(180, "Ringing", null), [], []);
        await Parts.Media.BridgeAsync();
        return CallInstruction.Act(new CallerResponse(183, "Session Progress", State.PendingAnswer), [], []);
    }

    private async Task<CallInstruction> AnsweredAsync(ConnectCallee answer)
    {
        var (callee, cancel) = (answer.Leg, answer.Cancel);
        if (answer.Sdp is null || !await Parts.Media.AcceptAnswerAsync(State.CalleeEndpoint, answer.Sdp))
        {
            await Parts.Ending.EndAsync(CdrDisposition.Failed, "callee SDP not acceptable", "system");
            return CallInstruction.Act(new CallerResponse(488, "Not Acceptable Here", null), cancel, [DialogLegs.Next(callee)]);
        }
        await Parts.Media.BridgeAsync();
        var now = Call.Now;
        State.Phase = CallPhase.Answered;
        State.AnsweredAt = now;
        State.CalleeLeg = callee;
        State.RemoteCSeqs[callee.CallId] = 0;
        var callerAnswer = State.PendingAnswer;
        State.PendingAnswer = null;
        if (Call.CalleeIsExtension)
            await Call.Parties.JoinAsync(State.Ringing);
        await RecordFromAnswerAsync();
        await Call.SaveAsync();
        await Call.BindAsync(State.LegCallIds);
        Parts.Timers.ArmMaxDuration();
        Parts.Timers.Arm(caller: true);
        Parts.Timers.Arm(caller: false);
        LogAnswered(CallKey, State.Ringing);
        Call.PublishCall("answered", now);
        Call.PublishExtension(State.Ringing, "in-call", now);
        return CallInstruction.Act(new CallerResponse(200, "OK", callerAnswer, Parts.Timers.ForResponse(caller: true)), cancel, []);
    }

    /// <summary>At the answer: records when <c>Calls:RecordAll</c> is on or either party has <c>recordCalls</c> in its settings.</summary>
    private Task RecordFromAnswerAsync() =>
        Parts.Recorder.StartAtAnswerAsync(CallKey, State, Parts.Options.RecordAll,
            async () => ExtensionCallSettings.Parse((await Call.Parties.FindAsync(State.Caller))?.SettingsJson ?? "{}").RecordCalls);

    /// <summary>
    /// The target of a transfer answered: the party that stays is bridged to it and the leaving leg gives way, or a
    /// click-to-call's originator answered and its number is called now.
    /// </summary>
    private async Task<CallInstruction> TransferTargetAnsweredAsync(TransferTargetAnswered answered)
    {
        var (leg, transfer) = (answered.Leg, State.Transfer!);
        if (answered.Sdp is null || !await Parts.Media.AcceptAnswerAsync(transfer.Endpoint, answered.Sdp))
        {
            if (transfer.Kind == TransferKind.Menu)
                await Parts.Menus.DestinationFailedAsync();
            else
                await Parts.Progress.FailedAsync(new CallerResponse(488, "Not Acceptable Here", null), CdrDisposition.Failed);
            return CallInstruction.Act(null, answered.Cancel, [DialogLegs.Next(leg)]);
        }
        State.RemoteCSeqs[leg.CallId] = 0;
        var sessionTimer = Parts.Timers.AsUac(answered.SessionTimer);
        if (transfer.Kind == TransferKind.Menu)
        {
            await Parts.Menus.ConnectedAsync(leg, sessionTimer);
            // As at any answer: Calls:RecordAll, or the caller's or the extension's recordCalls.
            await RecordFromAnswerAsync();
            await Call.SaveAsync();
        }
        else if (transfer.Kind == TransferKind.Originate)
            await Parts.ClickToCall.AnsweredAsync(leg, sessionTimer);
        else
            await Parts.Handover.ReplaceLegAsync(leg, transfer.Endpoint, transfer.Target, "blind-transfer", joinedHeld: false, sessionTimer);
        return CallInstruction.Act(null, answered.Cancel, []);
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

    string ICallActivation.Key => this.GetPrimaryKeyString();

    IDisposable ICallActivation.After(TimeSpan due, Func<Task> callback) =>
        this.RegisterGrainTimer(_ => callback(), due, Timeout.InfiniteTimeSpan);

    void ICallActivation.Deactivate() => DeactivateOnIdle();
}
