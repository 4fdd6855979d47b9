using System.Collections.Concurrent;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// The forks one call rings through this edge: their INVITEs (kept for CANCEL), each response reported to the call grain
/// and its instruction carried out. For a phone's INVITE <paramref name="context"/> is its server transaction and the
/// grain's responses go to it; for ringing the PBX starts itself (transfer target, click-to-call) it is null.
/// </summary>
internal sealed partial class SipForkSet(
    SipClient client, SipLegSender legs, TimeProvider time, SipForkSets owner,
    ICallGrain call, SipServerContext? context, string contactUser)
{
    private readonly ConcurrentDictionary<string, (SipRequest Invite, SipEndPoint Destination)> _sent = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _callerFinal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<Task> _forks = new();
    // Every fork has its final response. A forward rings its forks while the failed fork is still reporting, so the count
    // never touches zero between a target and its forward.
    private readonly TaskCompletionSource _allFinal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    // New ringing time asked from outside the set (a deflect rings a new target for its own time).
    private TaskCompletionSource<TimeSpan> _retimed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Rings <paramref name="forks"/> until the caller has a final response, every fork has one, or the ringing time ends.</summary>
    public async Task RunAsync(IReadOnlyList<ForkTarget> forks, TimeSpan ringFor)
    {
        Ring(forks);
        var cancelled = context?.Cancelled ?? CancellationToken.None;
        while (true)
        {
            using var noAnswer = new CancellationTokenSource(ringFor, time);
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(noAnswer.Token, cancelled);
            try
            {
                var retimed = _retimed.Task;
                if (await Task.WhenAny(_callerFinal.Task, _allFinal.Task, retimed).WaitAsync(ended.Token) != retimed)
                    break;
                _retimed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
                ringFor = retimed.Result;
            }
            catch (OperationCanceledException)
            {
                var instruction = await call.OnRingingEndedAsync(noAnswer: !cancelled.IsCancellationRequested);
                await ApplyAsync(instruction);
                // Forwarded on no answer: the new target rings for its own time.
                if (instruction.Forks.Count == 0 || cancelled.IsCancellationRequested)
                    break;
                ringFor = instruction.NoAnswerTimeout;
            }
        }
        // Wait for every fork, including those started by a forward while waiting, to reach its final response.
        while (_forks.TryDequeue(out var fork))
            await fork;
    }

    /// <summary>Carries out what the grain decided: answer the caller, CANCEL forks, BYE late answers, ring new forks.</summary>
    public async Task ApplyAsync(CallInstruction instruction)
    {
        if (instruction.Respond is { } answer && context is not null)
        {
            var sent = await owner.Reliable.RespondAsync(context, answer, legs.ContactFor(contactUser, context.Source));
            if (answer.Status >= 200)
                _callerFinal.TrySetResult();
            // The grain connected the callee but the caller cannot have the 2xx (it never PRACKed the early answer, RFC 3262
            // section 3, or it had already left): the callee is not left talking to no one.
            if (!sent && answer.Status is >= 200 and < 300)
                await call.HangupAsync();
        }
        foreach (var forkId in instruction.CancelForks)
        {
            if (_sent.TryGetValue(forkId, out var sent))
                await legs.CancelAsync(sent.Invite, sent.Destination);
        }
        if (instruction.Bye.Count > 0)
            await legs.ByeAsync(instruction.Bye, contactUser);
        Ring(instruction.Forks);
    }

    /// <summary>Restarts the no-answer time at <paramref name="ringFor"/> (new forks rung from outside the set).</summary>
    public void Retime(TimeSpan ringFor) => _retimed.TrySetResult(ringFor);

    private void Ring(IReadOnlyList<ForkTarget> forks)
    {
        // Counted before any starts, so that a fork failing at once cannot make the set look finished.
        Interlocked.Add(ref _pending, forks.Count);
        foreach (var fork in forks)
            _forks.Enqueue(RunForkAsync(fork));
    }

    private async Task RunForkAsync(ForkTarget fork)
    {
        try
        {
            await SendForkAsync(fork, new ForkReportOrder());
        }
        catch (Exception e) when (e is SipParseException or FormatException or ArgumentException)
        {
            // A contact the edge cannot reach (unparsable URI or address) fails this fork only, like a transport error.
            owner.LogForkFailed(fork.Leg.CallId, e);
            await ReportAsync(fork, new SipResponse(503, "Service Unavailable"));
        }
        finally
        {
            if (Interlocked.Decrement(ref _pending) == 0)
                _allFinal.TrySetResult();
        }
    }

    private async Task SendForkAsync(ForkTarget fork, ForkReportOrder order)
    {
        var destination = SipDialogMessages.Destination(fork.Leg);
        var invite = CreateInvite(fork, fork.Leg.LocalCSeq, destination);
        _sent[fork.ForkId] = (invite, destination);
        var response = fork.Trunk is null
            ? await client.SendAsync(invite, destination, provisional: r => ReportProvisional(fork, r, fork.Leg.LocalCSeq, order))
            : await SendToTrunkAsync(fork, invite, destination, null, order);
        uint? cseq = null;
        if (fork.Trunk is not null && response.StatusCode is 401 or 407)
            (response, cseq) = await AnswerTrunkChallengeAsync(fork, destination, response, order);
        if (response.StatusCode is >= 200 and < 300)
            await legs.AckAsync(fork.Leg with { RemoteTag = response.To?.Tag }, cseq ?? fork.Leg.LocalCSeq);
        await order.DrainedAsync();
        await ReportAsync(fork, response, LastLocalCSeq(fork.ForkId) ?? cseq);
    }

    /// <summary>The INVITE of one fork with CSeq <paramref name="cseq"/> (a trunk's challenge is answered on a new CSeq, RFC 3261 22.2).</summary>
    private SipRequest CreateInvite(ForkTarget fork, uint cseq, SipEndPoint destination)
    {
        var invite = SipDialogMessages.Create("INVITE", fork.Leg, cseq, fork.OfferSdp, legs.UserAgent,
            fork.CallerDisplay, legs.ContactFor(SipUri.Parse(fork.Leg.LocalUri).User ?? "pbx", destination));
        if (fork.Trunk is { } trunk)
            AddTrunkIdentity(invite, trunk);
        else
            // RFC 3325 9.1: the caller's identity as the PBX vouches for it, beside the From display name phones show.
            invite.Add("P-Asserted-Identity", $"\"{fork.CallerDisplay.Replace("\"", "", StringComparison.Ordinal)}\" <{fork.Leg.LocalUri}>");
        invite.Add(SipHeaderId.Allow, SipDialogMessages.Allow);
        // RFC 3892 section 3: the INVITE a REFER triggers carries the REFER's Referred-By unchanged.
        if (fork.ReferredBy is { } referredBy)
            invite.Add("Referred-By", referredBy);
        SipSessionTimerHeaders.Write(invite, fork.SessionTimer, response: false);
        // RFC 3262 section 4 and RFC 3311 section 5.1: the callee may send reliable provisional responses and UPDATE (in
        // Allow above). One Supported line with every tag: some peers read only the first.
        invite.Set(SipHeaderId.Supported, invite.Get(SipHeaderId.Supported) is null ? SipOptionTags.Reliable : SipEdge.SupportedTags);
        return invite;
    }

    private async Task ReportAsync(ForkTarget fork, SipResponse response, uint? cseq = null)
    {
        try
        {
            var contact = response.Contacts.Count > 0 ? response.Contacts[0].Uri.ToString() : null;
            var report = new ForkResponse(fork.ForkId, response.StatusCode, response.ReasonPhrase, response.To?.Tag, contact,
                [.. response.GetAll(SipHeaderId.RecordRoute)], SipDialogMessages.Sdp(response), SipSessionTimerHeaders.Read(response), cseq);
            await ApplyAsync(await call.OnForkResponseAsync(report));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            owner.LogForkFailed(fork.Leg.CallId, e);
        }
    }
}
