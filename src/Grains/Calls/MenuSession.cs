using Microsoft.Extensions.Logging;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;
using Pbx.Grains.Menus;
using Pbx.Grains.TimeConditions;

namespace Pbx.Grains.Calls;

/// <summary>
/// A caller in IVR menus (auto-attendant): the PBX answers the call itself on the caller's endpoint, plays each menu's
/// prompts (a key stops them: barge-in), takes the keys the media node detects (RFC 4733 or in-band) and carries out what
/// <see cref="MenuMachine"/> decides: another menu, an extension rung for the caller, or the end of the call. The way
/// through the menus and the keys pressed go to the CDR's history.
/// </summary>
internal sealed partial class MenuSession(CallContext call, CallMedia media, CallRouting routing, CallTimers timers, CallEnding ending, ILogger logger)
{
    // Menus entered one after another without a key from the caller (closed hours sending callers on): past this, a loop.
    private const int MostMenusWithoutInput = 5;

    private readonly Queue<string> _prompts = new();
    private IDisposable? _inputTimer;
    private int _menusWithoutInput;
    private int _playback;
    private TimeSpan _wait;

    private CallState State => call.State;

    /// <summary>
    /// Answers the call into menu <paramref name="menuId"/>: the caller's endpoint answers its <paramref name="offer"/>,
    /// and the greeting starts once the 200 is on its way. The refusal instead when the menu or the media node is missing.
    /// </summary>
    public async Task<CallDecision> AnswerAsync(string menuId, string offer)
    {
        MenuDefinition? menu;
        try
        {
            menu = await Menu(menuId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The menu could not be read (the database away before its first caller): refused, and everything released.
            LogMenuUnreadable(call.Key, menuId, e);
            return await ending.RefuseAsync(503, "Service Unavailable", Cdrs.CdrDisposition.Failed);
        }
        if (menu is null)
            return await ending.RefuseAsync(404, "Not Found", Cdrs.CdrDisposition.Failed);
        var open = await IsOpenAsync(menu);
        // Closed with nowhere to send callers: refused before answering, so a caller from a trunk is not billed for silence.
        if (!open && menu.Closed is null)
            return await ending.RefuseAsync(480, "Temporarily Unavailable", Cdrs.CdrDisposition.NoAnswer);
        if (await media.AllocateAsync() is not { } endpoint)
            return await ending.RefuseAsync(503, "Service Unavailable", Cdrs.CdrDisposition.Failed);
        State.CallerEndpoint = endpoint;
        if (await media.AnswerAsync(endpoint, offer) is not { } answer)
            return await ending.RefuseAsync(488, "Not Acceptable Here", Cdrs.CdrDisposition.Failed);
        var now = call.Now;
        State.Phase = CallPhase.Answered;
        State.AnsweredAt = now;
        State.Ringing = "";
        State.Menu = new MenuState();
        var command = MenuMachine.Enter(State.Menu, menu, open);
        await call.SaveAsync();
        timers.ArmMaxDuration();
        timers.Arm(caller: true);
        LogEntered(call.Key, State.Caller, menuId);
        call.PublishCall("in-menu", now);
        call.PublishExtension(State.Caller, "in-call", now);
        // After this turn: the edge sends the 200 as soon as the decision reaches it, and the greeting follows it.
        call.After(TimeSpan.Zero, () => CarryOutAsync(command));
        return CallDecision.Answer(new CallerResponse(200, "OK", answer, timers.ForResponse(caller: true)));
    }

    /// <summary>A key the media node detected on the caller's endpoint.</summary>
    public async Task OnKeyAsync(char key)
    {
        if (await CurrentOrHangUpAsync() is not { } menu)
            return;
        _inputTimer?.Dispose();
        _menusWithoutInput = 0;
        await CarryOutAsync(MenuMachine.OnKey(State.Menu!, menu, key));
        // The keys and the way so far are the CDR's: kept with the call, so a failover does not lose them.
        if (State.Menu is not null)
            await call.SaveAsync();
    }

    /// <summary>A prompt ended: the next one plays, or the time for input starts after the last.</summary>
    public async Task OnPlaybackCompletedAsync(PlaybackCompleted completed)
    {
        if (State.Menu is null || completed.PlaybackId != PlaybackId(_playback) || completed.Outcome == PlaybackOutcome.BargedIn)
            return;
        if (_prompts.Count > 0)
            await PlayNextAsync();
        else
            ArmInput(_wait);
    }

    /// <summary>
    /// The extension the menu rang for the caller did not answer, was busy or failed: the caller is back in the menu it
    /// chose from, as after an invalid entry.
    /// </summary>
    public async Task DestinationFailedAsync()
    {
        if (State.CalleeEndpoint.Length > 0)
            await media.Node.ReleaseAsync(State.CalleeEndpoint);
        call.PublishExtension(State.Ringing, "idle", call.Now);
        (State.Transfer, State.CalleeEndpoint, State.Ringing) = (null, "", "");
        await call.SaveAsync();
        if (await CurrentOrHangUpAsync() is { } menu)
            await CarryOutAsync(MenuMachine.Invalid(State.Menu!, menu));
    }

    /// <summary>
    /// The extension rung for the caller answered on <paramref name="leg"/>: it becomes the call's callee, bridged to the
    /// caller, and the caller leaves the menus; the path through them is the CDR's.
    /// </summary>
    public async Task ConnectedAsync(DialogLeg leg, LegSessionTimer sessionTimer)
    {
        var (transfer, path) = (State.Transfer!, State.Menu!);
        var now = call.Now;
        State.CalleeLeg = leg;
        State.CalleeSessionTimer = sessionTimer;
        State.History.Add(path.Step(transfer.Target, now));
        State.Menu = null;
        State.Transfer = null;
        await media.Node.StopPlaybackAsync(State.CallerEndpoint);
        await media.BridgeAsync();
        timers.Arm(caller: false);
        await call.Parties.JoinAsync(transfer.Target);
        await call.SaveAsync();
        LogConnected(call.Key, State.Caller, transfer.Target);
        call.PublishCall("answered", now);
        call.PublishExtension(transfer.Target, "in-call", now);
    }

    private async Task CarryOutAsync(MenuCommand command)
    {
        if (State.Menu is null || State.Phase != CallPhase.Answered)
            return;
        switch (command)
        {
            case PlayPrompts play:
                _prompts.Clear();
                foreach (var prompt in play.Prompts)
                    _prompts.Enqueue(prompt);
                _wait = play.Wait;
                await PlayNextAsync();
                break;
            case AwaitDigit digit:
                _prompts.Clear();
                _playback++;
                await media.Node.StopPlaybackAsync(State.CallerEndpoint);
                ArmInput(digit.Wait);
                break;
            case EnterMenu enter:
                if (++_menusWithoutInput > MostMenusWithoutInput)
                    await HangUpAsync($"menus send the caller on in a loop at {enter.MenuId}");
                else if (await Menu(enter.MenuId) is { } next)
                    await CarryOutAsync(MenuMachine.Enter(State.Menu, next, await IsOpenAsync(next)));
                else
                    await HangUpAsync($"menu {enter.MenuId} not found");
                break;
            case DialTyped typed:
                if (await call.Parties.FindAsync(typed.Number) is null)
                    await InvalidAsync();
                else
                    await RingAsync(typed.Number);
                break;
            case ConnectCaller connect:
                await RingAsync(connect.Number);
                break;
            default:
                await HangUpAsync("menu hang-up");
                break;
        }
    }

    /// <summary>
    /// Rings <paramref name="number"/> through its dial plan (forward-always, DND, call waiting: <see cref="CallRouting"/>)
    /// on the callee's endpoint, allocated now, while the caller waits hearing ringback; a number that cannot ring counts
    /// as an invalid entry. The target's own forwards on busy or no answer are not followed: the caller is back in the menu.
    /// </summary>
    private async Task RingAsync(string number)
    {
        _prompts.Clear();
        _playback++;
        await media.Node.StopPlaybackAsync(State.CallerEndpoint);
        var routed = await routing.RouteAsync(number, call.Now);
        if (routed is not { Length: > 0 } || await media.AllocateAsync() is not { } endpoint)
        {
            await InvalidAsync();
            return;
        }
        State.CalleeEndpoint = endpoint;
        State.CalleeOffer = await media.Node.OfferAsync(endpoint, MediaDirection.SendReceive);
        var (forks, refusal) = await routing.RingAsync(routed);
        if (refusal is not null)
        {
            await media.Node.ReleaseAsync(endpoint);
            (State.CalleeEndpoint, State.Ringing) = ("", "");
            await InvalidAsync();
            return;
        }
        State.Transfer = new TransferState { Kind = TransferKind.Menu, Target = routed, Transferor = State.Menu!.MenuId, Endpoint = endpoint, Started = true };
        await call.SaveAsync();
        // The caller hears ringback until the bridge (or the next prompt) stops it.
        await media.Node.PlayAsync(State.CallerEndpoint, new PlaybackRequest(PlaybackId(++_playback), null, MediaTone.Ringback, Loop: true));
        LogRinging(call.Key, State.Menu.MenuId, routed, forks.Count);
        await call.Edge!.RingAsync(call.Key, forks, routing.ConfiguredNoAnswerTimeout);
    }

    private async Task InvalidAsync()
    {
        if (await CurrentOrHangUpAsync() is { } menu)
            await CarryOutAsync(MenuMachine.Invalid(State.Menu!, menu));
    }

    private async Task HangUpAsync(string cause)
    {
        _inputTimer?.Dispose();
        await ending.HangUpAsync(cause);
    }

    private async Task PlayNextAsync()
    {
        var prompt = _prompts.Dequeue();
        await media.Node.PlayAsync(State.CallerEndpoint, new PlaybackRequest(PlaybackId(++_playback), prompt, BargeIn: true));
    }

    private void ArmInput(TimeSpan wait)
    {
        _inputTimer?.Dispose();
        _inputTimer = call.After(wait, async () =>
        {
            if (await CurrentOrHangUpAsync() is { } menu)
                await CarryOutAsync(MenuMachine.OnTimeout(State.Menu!, menu));
        });
    }

    /// <summary>
    /// The menu the caller is in, while it is in one and no destination rings for it. A menu that is gone (deleted while
    /// callers were in it) hangs the caller up rather than leave it in silence.
    /// </summary>
    private async Task<MenuDefinition?> CurrentOrHangUpAsync()
    {
        if (State is not { Menu: { } state, Transfer: null, Phase: CallPhase.Answered })
            return null;
        if (await Menu(state.MenuId) is { } menu)
            return menu;
        await HangUpAsync($"menu {state.MenuId} is gone");
        return null;
    }

    private Task<MenuDefinition?> Menu(string id) => call.Grains.Grain<IIvrMenuGrain>(id).GetAsync();

    /// <summary>Whether the menu's opening hours (its time condition, if any) say open now.</summary>
    private async Task<bool> IsOpenAsync(MenuDefinition menu) =>
        menu.TimeConditionId is not { } condition || await call.Grains.Grain<ITimeConditionGrain>(condition).IsOpenAsync();

    private static string PlaybackId(int playback) => $"menu-{playback}";

    [LoggerMessage(EventId = 2244, Level = LogLevel.Error, Message = "Call {CallId}: menu {MenuId} cannot be read; the call is refused")]
    private partial void LogMenuUnreadable(string callId, string menuId, Exception exception);

    [LoggerMessage(EventId = 2241, Level = LogLevel.Information, Message = "Call {CallId}: {Caller} entered menu {MenuId}")]
    private partial void LogEntered(string callId, string caller, string menuId);

    [LoggerMessage(EventId = 2242, Level = LogLevel.Information, Message = "Call {CallId}: menu {MenuId} rings {Target}, {Forks} contact(s)")]
    private partial void LogRinging(string callId, string menuId, string target, int forks);

    [LoggerMessage(EventId = 2243, Level = LogLevel.Information, Message = "Call {CallId}: {Caller} connected to {Target} from the menus")]
    private partial void LogConnected(string callId, string caller, string target);
}
