using System.Data.Common;
using Microsoft.Extensions.Logging;
using Pbx.Data.IvrMenus;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Extensions;

namespace Pbx.Grains.Calls;

/// <summary>
/// Where one call rings: the dial plan of the dialled extension (forward-always, do-not-disturb), every registered
/// contact of the target as a fork, call waiting, and forwarding on busy or no answer, to an extension or out through the
/// trunks under the forwarding extension's rights (so a forward reaches nothing it could not dial: no toll fraud by forward).
/// </summary>
internal sealed partial class CallRouting(CallContext call, TrunkLegs trunks, CallTimers timers, IvrMenuRepository menus, CallOptions options, ILogger logger)
{
    /// <summary>The refusal of a target that is busy (call waiting off), for the busy forward to take.</summary>
    public static readonly CallerResponse BusyHere = new(486, "Busy Here", null);

    private CallState State => call.State;

    /// <summary>
    /// The dial plan for an extension: forward-always and do-not-disturb (with its busy forward) are followed up to
    /// <see cref="RingingMachine.MaxForwards"/> hops. Returns the extension to ring, "" for busy, or null when a number does not exist.
    /// </summary>
    public async Task<string?> RouteAsync(string number, DateTimeOffset now)
    {
        for (var hop = 0; hop < RingingMachine.MaxForwards; hop++)
        {
            if (await call.Parties.FindAsync(number) is not { } configuration)
                return null;
            var step = ExtensionRoutingRule.Hop(number, ExtensionCallSettings.Parse(configuration.SettingsJson));
            if (step.Kind == "dnd")
                call.PublishExtension(number, "dnd", now);
            if (step.IsFinal)
                return step.Next;
            State.History.Add(new DialPlanStep(step.Kind, number, step.Next, now));
            number = step.Next;
        }
        // A forwarding loop (A to B to A...): refuse rather than ring forever.
        return null;
    }

    /// <summary>
    /// The IVR menu a dialled number that is no extension reaches (its internal number), or null. Read per call, so a
    /// menu's new number applies to the next call.
    /// </summary>
    public async Task<string?> MenuOfAsync(string number)
    {
        if (await call.Parties.FindAsync(number) is not null)
            return null;
        try
        {
            return await menus.FindIdByNumberAsync(number);
        }
        catch (DbException)
        {
            // The database away: the number is routed as if no menu had it (outbound routing says what it can do then).
            return null;
        }
    }

    /// <summary>Rings every registered contact of <paramref name="target"/>, or says why it cannot (480, or 486 with call waiting off).</summary>
    public async Task<(List<ForkTarget> Forks, CallerResponse? Refusal)> RingAsync(string target)
    {
        // Bindings only: the status would also copy the extension's call list, long for an extension in many calls.
        var profile = await call.Parties.FindAsync(target);
        var bindings = profile is { Enabled: true } ? await call.Parties.BindingsAsync(target) : [];
        if (bindings.Count == 0)
            return ([], new CallerResponse(480, "Temporarily Unavailable", null));
        State.Ringing = target;
        State.Settings = ExtensionCallSettings.Parse(profile!.SettingsJson);
        if (await CallWaitingRefusalAsync(target) is { } busy)
            return ([], busy);
        var caller = State.CallerLeg!;
        // The callee leg mirrors the caller's: same From and To URIs.
        return (Fork(bindings, target, caller.RemoteUri, caller.LocalUri, State.CalleeOffer, State.CallerDisplay, null), null);
    }

    /// <summary>One fork per contact of <paramref name="number"/>, each a new dialog (fresh Call-ID and tag, RFC 3261 12.1.2) whose Call-ID leads to this call.</summary>
    public List<ForkTarget> Fork(IReadOnlyList<ContactBinding> bindings, string number, string localUri, string remoteUri,
        string offer, string display, string? referredBy)
    {
        State.FailedStatuses.Clear();
        var forks = new List<ForkTarget>(bindings.Count);
        foreach (var binding in bindings)
        {
            var forkId = (State.NextForkId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var leg = new DialogLeg(LegCallIds.ToPhone(call.Key), localUri, DialogLegs.NewTag(), remoteUri, null,
                binding.ContactUri, binding.Path, binding.Transport, binding.SourceAddress, binding.SourcePort, 1);
            State.Forks[forkId] = leg;
            forks.Add(new ForkTarget(forkId, leg, offer, display, timers.ForFork(), referredBy));
        }
        call.PublishExtension(number, "ringing", call.Now);
        return forks;
    }

    /// <summary>Call forwarding on busy or no answer: ring <paramref name="to"/> instead; null when not configured or not reachable.</summary>
    public async Task<CallInstruction?> ForwardAsync(string kind, string? to, IReadOnlyList<string> cancel)
    {
        if (!RingingMachine.MayForward(State, to))
            return null;
        var from = State.Ringing;
        call.PublishExtension(from, "idle", call.Now);
        if (await call.Parties.FindAsync(to) is null)
            return await ForwardOutAsync(kind, from, to, cancel);
        var (forks, refusal) = await RingAsync(to);
        if (refusal is not null)
            return null;
        State.History.Add(new DialPlanStep(kind, from, to, call.Now));
        return new CallInstruction(null, cancel, [], forks, NoAnswerTimeout());
    }

    /// <summary>
    /// The forward (or deflect) of extension <paramref name="from"/> to the outside number <paramref name="to"/>: out
    /// through the dial rules and trunks as <paramref name="from"/> would dial it. Null when it cannot go out.
    /// </summary>
    public async Task<CallInstruction?> ForwardOutAsync(string kind, string from, string to, IReadOnlyList<string> cancel)
    {
        if (await trunks.RouteAsync(to, from, State.CallerLeg!.Address) is not { } route || trunks.GoOut(route) is not null)
            return null;
        // Recorded before the fork so a call from a trunk lists the forward ahead of its "trunk-out" step.
        var step = new DialPlanStep(kind, from, to, call.Now);
        State.History.Add(step);
        if (await trunks.NextForkAsync(State.CalleeOffer) is not { } fork)
        {
            State.History.Remove(step);
            await trunks.ForgetOutboundAsync();
            return null;
        }
        State.Ringing = State.Trunk!.Number;
        // The forwarding extension's own settings (its no-answer time and forwards) end where the call leaves the PBX.
        State.Settings = new ExtensionCallSettings();
        return new CallInstruction(null, cancel, [], [fork], NoAnswerTimeout());
    }

    /// <summary>The ringing time of <c>Calls:NoAnswerTimeout</c>, for targets that ring before any extension's settings apply.</summary>
    public TimeSpan ConfiguredNoAnswerTimeout => options.NoAnswerTimeout;

    /// <summary>The configured ringing time, shortened by the rung extension's own when it forwards on no answer.</summary>
    public TimeSpan NoAnswerTimeout()
    {
        var configured = options.NoAnswerTimeout;
        return State.Settings.ForwardNoAnswer is { Length: > 0 } && TimeSpan.FromSeconds(State.Settings.NoAnswerSeconds) < configured
            ? TimeSpan.FromSeconds(State.Settings.NoAnswerSeconds)
            : configured;
    }

    /// <summary>The caller's name the callee sees: the extension's configured name, else the From display name, else the number.</summary>
    public async Task<string> CallerDisplayAsync(string caller, string? fromDisplayName) =>
        (await call.Parties.FindAsync(caller))?.DisplayName is { Length: > 0 } configured ? configured : fromDisplayName ?? caller;

    /// <summary>
    /// Call waiting: 486 when <paramref name="target"/> is in another call and has its <c>callWaiting</c> setting (on by
    /// default) off, settings already read; null to ring.
    /// </summary>
    private async Task<CallerResponse?> CallWaitingRefusalAsync(string target)
    {
        if (State.Settings.CallWaiting)
            return null;
        var calls = await call.Parties.OtherCallsAsync(target);
        if (calls == 0)
            return null;
        LogCallWaitingRefused(call.Key, target, calls);
        return BusyHere;
    }

    /// <summary>The call rings <paramref name="forks"/> contacts of <paramref name="callee"/> (set-up, trunks, click-to-call alike).</summary>
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Call {CallId}: {Caller} -> {Callee}, ringing {Forks} contact(s)")]
    internal partial void LogRinging(string callId, string caller, string callee, int forks);

    [LoggerMessage(EventId = 2222, Level = LogLevel.Information, Message = "Call {CallId}: {Extension} is in {Calls} call(s) with call waiting off: busy")]
    private partial void LogCallWaitingRefused(string callId, string extension, int calls);
}
