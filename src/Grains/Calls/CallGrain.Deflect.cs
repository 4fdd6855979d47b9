using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>
/// Deflect: a ringing call is sent elsewhere before anyone answers, as a phone's 302 would (RFC 3261 8.1.3.4) but decided
/// by the PBX. The new target goes through the dial plan, or out through the trunks as the rung extension would dial it;
/// the ringing forks are cancelled only once it can ring, and kept so a 2xx crossing the CANCEL is ended with BYE
/// (RFC 3261 13.2.2.4).
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
        var (routing, from, now) = (Parts.Routing, State.Ringing, Call.Now);
        var ringing = new Dictionary<string, DialogLeg>(State.Forks);
        CallInstruction? instruction;
        if (await Call.Parties.FindAsync(target) is null)
        {
            instruction = await routing.ForwardOutAsync("deflect", from, target, [.. ringing.Keys]);
        }
        else
        {
            if (await routing.RouteAsync(target, now) is not { Length: > 0 } routed)
                return CallActionResult.NotApplicable;
            State.Forks.Clear();
            var (forks, refusal) = await routing.RingAsync(routed);
            foreach (var (id, leg) in ringing)
                State.Forks[id] = leg;
            instruction = refusal is null ? new CallInstruction(null, [.. ringing.Keys], [], forks, routing.NoAnswerTimeout()) : null;
            if (instruction is not null)
                State.History.Add(new DialPlanStep("deflect", from, routed, now));
            target = routed;
        }
        if (instruction is null)
            return CallActionResult.NotApplicable;
        foreach (var id in ringing.Keys)
        {
            State.CancelledForks[id] = ringing[id];
            State.Forks.Remove(id);
        }
        Call.PublishExtension(from, "idle", now);
        LogDeflected(CallKey, from, target);
        await Call.Edge!.ApplyAsync(CallKey, instruction);
        return CallActionResult.Done;
    }
}
