using Pbx.Grains.Extensions;
using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>
/// Routing a call: the dial plan (forward-always, do-not-disturb), ringing every registered contact of the target as forks,
/// and forwarding on busy or no answer.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>Rings every registered contact of <paramref name="target"/>, or says why it cannot (480).</summary>
    private async Task<(List<ForkTarget> Forks, CallerResponse? Refusal)> RingAsync(string target)
    {
        // Bindings only: the status would also copy the extension's call list, long for an extension in many calls.
        var profile = await Parties.FindAsync(target);
        var bindings = profile is { Enabled: true } ? await Parties.BindingsAsync(target) : [];
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
        if (!RingingMachine.MayForward(State, to))
            return null;
        var from = State.Ringing;
        PublishExtension(from, "idle", time.GetUtcNow());
        if (await Parties.FindAsync(to) is null)
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
    /// <see cref="RingingMachine.MaxForwards"/> hops. Returns the extension to ring, "" for busy, or null when a number does not exist.
    /// </summary>
    private async Task<string?> RouteAsync(string number, DateTimeOffset now)
    {
        for (var hop = 0; hop < RingingMachine.MaxForwards; hop++)
        {
            if (await Parties.FindAsync(number) is not { } configuration)
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
}
