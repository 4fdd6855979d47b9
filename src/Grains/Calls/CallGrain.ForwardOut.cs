namespace Pbx.Grains.Calls;

/// <summary>
/// Call forwarding to numbers that are no extension (a mobile, another office): the forward goes out through the dial
/// rules and trunks like a call the forwarding extension dialled, under its extension group, permission class and caller
/// ID, so forwarding cannot reach what the extension itself may not dial (toll fraud by forward).
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>
    /// The unconditional (or do-not-disturb busy) forward chain ended at a number that is no extension: dial it out as
    /// the last forwarding extension. Null when the chain did not forward, loops, or no dial rule serves the number.
    /// </summary>
    private async Task<CallDecision?> ForwardAlwaysOutAsync(CallSetup setup, DateTimeOffset now)
    {
        // A call from a trunk goes out too, holding both slots; one already out through a trunk is not sent out again.
        if (State.History.Count == 0 || State.Trunk is { Direction: "outbound" })
            return null;
        var step = State.History[^1];
        if (await Parties.FindAsync(step.To) is not null)
            return null;
        return await DialOutAsync(setup, step.To, step.From, now, openCdr: false);
    }

    /// <summary>The busy or no-answer forward of extension <paramref name="from"/> to the outside number <paramref name="to"/>; null when it cannot go out.</summary>
    private async Task<CallInstruction?> ForwardOutAsync(string kind, string from, string to, IReadOnlyList<string> cancel)
    {
        if (State.Trunk is { Direction: "outbound" }
            || await trunkRouter.RouteOutboundAsync(CallKey, to, from, State.CallerLeg!.Address) is not { } route
            || GoOut(route) is not null)
            return null;
        // Recorded before the fork so a call from a trunk lists the forward ahead of its "trunk-out" step.
        var step = new DialPlanStep(kind, from, to, time.GetUtcNow());
        State.History.Add(step);
        if (await NextTrunkForkAsync(State.CalleeOffer) is not { } fork)
        {
            State.History.Remove(step);
            await ForgetOutboundTrunkAsync();
            return null;
        }
        State.Ringing = State.Trunk!.Number;
        // The forwarding extension's own settings (its no-answer time and forwards) end where the call leaves the PBX.
        State.Settings = new ExtensionCallSettings();
        return new CallInstruction(null, cancel, [], [fork], NoAnswerTimeout());
    }

    /// <summary>
    /// A deflect to an outside number: out through the trunks as the rung extension would dial it. The ringing forks are
    /// cancelled only once the trunk fork exists, and kept so a 2xx crossing the CANCEL is ended with BYE (RFC 3261 13.2.2.4).
    /// </summary>
    private async Task<CallActionResult> DeflectOutAsync(string target, ICallEdge edge, DateTimeOffset now)
    {
        var from = State.Ringing;
        var ringing = State.Forks.Keys.ToList();
        if (await ForwardOutAsync("deflect", from, target, ringing) is not { } instruction)
            return CallActionResult.NotApplicable;
        foreach (var id in ringing)
        {
            State.CancelledForks[id] = State.Forks[id];
            State.Forks.Remove(id);
        }
        PublishExtension(from, "idle", now);
        LogDeflected(CallKey, from, target);
        await edge.ApplyAsync(CallKey, instruction);
        return CallActionResult.Done;
    }
}
