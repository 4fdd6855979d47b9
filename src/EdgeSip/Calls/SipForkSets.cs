using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pbx.Grains;
using Pbx.EdgeSip.Calls.Reliable;
using Pbx.EdgeSip.Hosting;
using Pbx.Grains.Calls;
using Orleans;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// The fork sets this edge is running, by call key, so that a call grain can act on its own ringing forks (deflect) and
/// ring forks that belong to no phone's INVITE (transfer target, click-to-call).
/// </summary>
public sealed partial class SipForkSets(
    IGrainFactory grains, SipClient client, SipLegSender legs, TimeProvider time, ITrunkDirectory trunks, SipReliableResponders reliable,
    ILogger<SipForkSets> logger)
{
    // The grain may act on its forks (a deflect right after its "ringing" event) before this edge has begun to ring them.
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, SipForkSet> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SipForkSet?>> _starting = new(StringComparer.Ordinal);

    /// <summary>
    /// This edge is about to ask the call grain to start <paramref name="callKey"/>: an instruction for its forks that comes
    /// before they ring waits for them (up to 5 s) instead of finding none. Ended by the forks starting or by <see cref="Unexpect"/>.
    /// </summary>
    internal void Expect(string callKey) => _starting.TryAdd(callKey, new TaskCompletionSource<SipForkSet?>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>No forks will ring for <paramref name="callKey"/> after all (refused, failed); a no-op once they rang.</summary>
    internal void Unexpect(string callKey)
    {
        if (_starting.TryRemove(callKey, out var waiting))
            waiting.TrySetResult(null);
    }

    /// <summary>Answers callers' INVITEs, reliably where they asked for it (RFC 3262).</summary>
    internal SipReliableResponders Reliable => reliable;

    /// <summary>Credentials of the trunks outbound forks go to.</summary>
    internal ITrunkDirectory Trunks => trunks;

    /// <summary>Rings the forks of a phone's INVITE (<paramref name="context"/>) until the caller has its final response.</summary>
    internal Task RunAsync(string callKey, SipServerContext context, string callee, CallDecision decision) =>
        RunAsync(callKey, new SipForkSet(client, legs, time, this, grains.Grain<ICallGrain>(callKey), context, callee),
            decision.Forks, decision.NoAnswerTimeout);

    /// <summary>Rings forks the PBX starts itself; returns when every fork has its final response or the ringing time ended.</summary>
    internal Task RingAsync(string callKey, IReadOnlyList<ForkTarget> forks, TimeSpan noAnswerTimeout) =>
        RunAsync(callKey, new SipForkSet(client, legs, time, this, grains.Grain<ICallGrain>(callKey), null, "pbx"),
            forks, noAnswerTimeout);

    /// <summary>Carries out a grain's instruction on the forks running for the call; false when none run here.</summary>
    internal async Task<bool> ApplyAsync(string callKey, CallInstruction instruction)
    {
        if (!_running.TryGetValue(callKey, out var set) && (set = await StartedAsync(callKey)) is null)
            return false;
        await set.ApplyAsync(instruction);
        if (instruction.Forks.Count > 0)
            set.Retime(instruction.NoAnswerTimeout);
        return true;
    }

    private async Task<SipForkSet?> StartedAsync(string callKey)
    {
        if (!_starting.TryGetValue(callKey, out var waiting))
            return null;
        try
        {
            return await waiting.Task.WaitAsync(StartWait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task RunAsync(string callKey, SipForkSet set, IReadOnlyList<ForkTarget> forks, TimeSpan ringFor)
    {
        // Started first: it sends every fork's INVITE before its first wait, so an instruction let through below finds each
        // fork sent and can CANCEL it.
        var ringing = set.RunAsync(forks, ringFor);
        _running[callKey] = set;
        if (_starting.TryRemove(callKey, out var waiting))
            waiting.TrySetResult(set);
        try
        {
            await ringing;
        }
        finally
        {
            // A later fork set of the same call (a transfer right after the answer) may have taken the key already.
            _running.TryRemove(new KeyValuePair<string, SipForkSet>(callKey, set));
        }
    }
}
