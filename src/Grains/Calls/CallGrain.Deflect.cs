using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>
/// Deflect: a ringing call is sent elsewhere before anyone answers, as a phone's 302 would (RFC 3261 8.1.3.4) but decided
/// by the PBX. The new target goes through the dial plan; the ringing forks are cancelled only once it can ring.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>The target that means the caller's voicemail; there is no voicemail yet.</summary>
    private const string VoicemailTarget = "voicemail";

    /// <inheritdoc />
    public async Task<CallActionResult> DeflectAsync(string target)
    {
        if (Admit(CallAction.Deflect) is var verdict && verdict != CallActionResult.Done)
            return verdict;
        if (State.CallerLeg is null || string.IsNullOrEmpty(target) || target == VoicemailTarget)
            return CallActionResult.NotApplicable;
        var edge = Edge!;
        var now = time.GetUtcNow();
        if (await Parties.FindAsync(target) is null)
            return await DeflectOutAsync(target, edge, now);
        if (await RouteAsync(target, now) is not { Length: > 0 } routed)
            return CallActionResult.NotApplicable;
        var from = State.Ringing;
        var ringing = new Dictionary<string, DialogLeg>(State.Forks);
        State.Forks.Clear();
        var (forks, refusal) = await RingAsync(routed);
        if (refusal is not null)
        {
            foreach (var (id, leg) in ringing)
                State.Forks[id] = leg;
            return CallActionResult.NotApplicable;
        }
        // Kept so that a 2xx crossing our CANCEL is still ended with BYE (RFC 3261 13.2.2.4).
        foreach (var (id, leg) in ringing)
            State.CancelledForks[id] = leg;
        State.History.Add(new DialPlanStep("deflect", from, routed, now));
        PublishExtension(from, "idle", now);
        LogDeflected(CallKey, from, routed);
        await edge.ApplyAsync(CallKey, new CallInstruction(null, [.. ringing.Keys], [], forks, NoAnswerTimeout()));
        return CallActionResult.Done;
    }
}
