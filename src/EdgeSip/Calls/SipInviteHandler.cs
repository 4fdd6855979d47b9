using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Grains.Runtime;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// The INVITE transaction user. A re-INVITE (To tag present) goes to <see cref="SipInDialogHandler"/>. An initial INVITE
/// is authenticated with a 407 challenge (RFC 3261 22.3), handed to the call grain, and the edge then carries out its
/// decision: INVITE every fork in parallel, report each response, relay what the grain says to the caller, CANCEL the
/// losers, ACK 2xx. The forks' client transactions live only as long as this server transaction.
/// </summary>
public sealed partial class SipInviteHandler(
    IGrainFactory grains,
    DigestAuthenticator digest,
    SipClient client,
    SipLegSender legs,
    SipInDialogHandler inDialog,
    TimeProvider time,
    ILogger<SipInviteHandler> logger,
    ITrunkDirectory trunks) : ISipRequestHandler
{
    private readonly SipClient _client = client;
    private readonly ITrunkDirectory _trunks = trunks;
    private readonly SipLegSender _legs = legs;
    private readonly TimeProvider _time = time;

    // One reference for the edge's lifetime: call grains hold it to send the BYEs they start themselves.
    private readonly ICallEdge _edge = grains.CreateObjectReference<ICallEdge>(legs);

    /// <inheritdoc />
    public string Method => "INVITE";

    /// <inheritdoc />
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.To?.Tag is not null)
        {
            await inDialog.HandleAsync(context, cancellationToken);
            return;
        }
        if (await TryStartFromTrunkAsync(context, cancellationToken))
            return;
        var caller = await AuthenticateAsync(context);
        if (caller is null)
            return;
        var callee = request.RequestUri.User;
        var callId = request.CallId;
        var offer = SipDialogMessages.Sdp(request);
        if (string.IsNullOrEmpty(callee) || callId is null)
        {
            await context.RespondAsync(404, "Not Found");
            return;
        }
        if (offer is null)
        {
            // A late offer (RFC 3261 13.2.1, offer in the 2xx) is not supported by the media anchoring.
            await context.RespondAsync(488, "Not Acceptable Here");
            return;
        }
        var call = grains.GetGrain<ICallGrain>(callId);
        var decision = await call.StartAsync(new CallSetup(caller, request.From!.DisplayName, callee, CallerLeg(context, callId), offer, _edge));
        if (decision.Refusal is { } refusal)
        {
            await RespondAsync(context, refusal, callee);
            return;
        }
        await new ForkSet(this, context, call, callee).RunAsync(decision);
    }

    /// <summary>The caller's dialog as seen from our side (our tag is the one we answer with).</summary>
    private static DialogLeg CallerLeg(SipServerContext context, string callId)
    {
        var request = context.Request;
        var from = request.From!;
        var contact = request.Contacts.Count > 0 ? request.Contacts[0].Uri.ToString() : from.Uri.ToString();
        return new DialogLeg(callId, request.To!.Uri.ToString(), context.Transaction.ToTag, from.Uri.ToString(), from.Tag, contact,
            [.. request.GetAll(SipHeaderId.RecordRoute)], Registrar.RegisterRequestReader.TransportName(context.Source.Transport),
            context.Source.Remote.Address.ToString(), context.Source.Remote.Port, 0);
    }

    /// <summary>The INVITE of one fork with CSeq <paramref name="cseq"/> (a trunk's challenge is answered on a new CSeq, RFC 3261 22.2).</summary>
    private SipRequest CreateInvite(ForkTarget fork, uint cseq, SipEndPoint destination)
    {
        var invite = SipDialogMessages.Create("INVITE", fork.Leg, cseq, fork.OfferSdp, _legs.UserAgent,
            fork.CallerDisplay, _legs.ContactFor(SipUri.Parse(fork.Leg.LocalUri).User ?? "pbx", destination));
        if (fork.Trunk is { } trunk)
            AddTrunkIdentity(invite, trunk);
        else
            // RFC 3325 9.1: the caller's identity as the PBX vouches for it, beside the From display name phones show.
            invite.Add("P-Asserted-Identity", $"\"{fork.CallerDisplay.Replace("\"", "", StringComparison.Ordinal)}\" <{fork.Leg.LocalUri}>");
        return invite;
    }

    /// <summary>The authenticated caller's extension number, or null once a challenge or refusal was sent.</summary>
    private async Task<string?> AuthenticateAsync(SipServerContext context)
    {
        var request = context.Request;
        var number = request.From?.Uri.User;
        if (string.IsNullOrEmpty(number))
        {
            await context.RespondAsync(403, "Forbidden");
            return null;
        }
        var stored = await grains.GetGrain<IExtensionGrain>(number).GetCredentialsAsync(context.Source.Remote.Address.ToString());
        if (stored is not { Enabled: true, LockedOut: false })
        {
            // Neither a trunk (checked first) nor a usable extension: an outside INVITE that must not reach the trunks.
            LogRefusedCaller(number, context.Source.Remote.ToString());
            await context.RespondAsync(403, "Forbidden");
            return null;
        }
        var authorization = request.Get(SipHeaderId.ProxyAuthorization);
        if (authorization is null)
        {
            await context.ChallengeAsync(digest, stored.Realm, stale: false, asProxy: true);
            return null;
        }
        if (!DigestCredentials.TryParse(authorization, out var credentials) || !credentials.Username.SequenceEqual(number))
        {
            await context.RespondAsync(403, "Forbidden");
            return null;
        }
        switch (digest.Verify(credentials, request.Method, request.RequestUriText, stored))
        {
            case DigestVerdict.Valid:
                return number;
            case DigestVerdict.StaleNonce:
                await context.ChallengeAsync(digest, stored.Realm, stale: true, asProxy: true);
                return null;
            case var verdict:
                LogAuthFailed(number, context.Source.Remote.Address.ToString(), verdict);
                await context.RespondAsync(403, "Forbidden");
                return null;
        }
    }

    private async Task RespondAsync(SipServerContext context, CallerResponse answer, string contactUser)
    {
        if (context.Transaction.HasFinalResponse)
            return;
        var response = context.CreateResponse(answer.Status, answer.Reason);
        if (answer.Status is > 100 and < 300)
            response.Add(SipHeaderId.Contact, $"<{_legs.ContactFor(contactUser, context.Source)}>");
        SipDialogMessages.SetSdp(response, answer.Sdp);
        await context.RespondAsync(response);
    }

    /// <summary>The forks of one INVITE: their requests (for CANCEL) and the caller's final response.</summary>
    private sealed partial class ForkSet(SipInviteHandler handler, SipServerContext context, ICallGrain call, string callee)
    {
        private readonly ConcurrentDictionary<string, (SipRequest Invite, SipEndPoint Destination)> _sent = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _callerFinal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<Task> _forks = new();

        public async Task RunAsync(CallDecision decision)
        {
            Ring(decision.Forks);
            var ringFor = decision.NoAnswerTimeout;
            while (true)
            {
                using var noAnswer = new CancellationTokenSource(ringFor, handler._time);
                using var ended = CancellationTokenSource.CreateLinkedTokenSource(noAnswer.Token, context.Cancelled);
                try
                {
                    await _callerFinal.Task.WaitAsync(ended.Token);
                    break;
                }
                catch (OperationCanceledException)
                {
                    var instruction = await call.OnRingingEndedAsync(noAnswer: !context.Cancelled.IsCancellationRequested);
                    await ApplyAsync(instruction);
                    // Forwarded on no answer: the new target rings for its own time.
                    if (instruction.Forks.Count == 0 || context.Cancelled.IsCancellationRequested)
                        break;
                    ringFor = instruction.NoAnswerTimeout;
                }
            }
            // Wait for every fork, including those started by a forward while waiting, to reach its final response.
            while (_forks.TryDequeue(out var fork))
                await fork;
        }

        private void Ring(IEnumerable<ForkTarget> forks)
        {
            foreach (var fork in forks)
                _forks.Enqueue(RunForkAsync(fork));
        }

        private async Task RunForkAsync(ForkTarget fork)
        {
            try
            {
                await SendForkAsync(fork);
            }
            catch (Exception e) when (e is SipParseException or FormatException or ArgumentException)
            {
                // A contact the edge cannot reach (unparsable URI or address) fails this fork only, like a transport error.
                handler.LogForkFailed(fork.Leg.CallId, e);
                await ReportAsync(fork, new SipResponse(503, "Service Unavailable"));
            }
        }

        private async Task SendForkAsync(ForkTarget fork)
        {
            var destination = SipDialogMessages.Destination(fork.Leg);
            var invite = handler.CreateInvite(fork, fork.Leg.LocalCSeq, destination);
            _sent[fork.ForkId] = (invite, destination);
            var response = await handler._client.SendAsync(invite, destination, provisional: r => _ = ReportAsync(fork, r));
            uint? cseq = null;
            if (fork.Trunk is not null && response.StatusCode is 401 or 407)
                (response, cseq) = await AnswerTrunkChallengeAsync(fork, destination, response);
            if (response.StatusCode is >= 200 and < 300)
                await handler._legs.AckAsync(fork.Leg with { RemoteTag = response.To?.Tag }, cseq ?? fork.Leg.LocalCSeq);
            await ReportAsync(fork, response, cseq);
        }

        private async Task ReportAsync(ForkTarget fork, SipResponse response, uint? cseq = null)
        {
            try
            {
                var contact = response.Contacts.Count > 0 ? response.Contacts[0].Uri.ToString() : null;
                var report = new ForkResponse(fork.ForkId, response.StatusCode, response.ReasonPhrase, response.To?.Tag, contact,
                    [.. response.GetAll(SipHeaderId.RecordRoute)], SipDialogMessages.Sdp(response), cseq);
                await ApplyAsync(await call.OnForkResponseAsync(report));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                handler.LogForkFailed(fork.Leg.CallId, e);
            }
        }

        private async Task ApplyAsync(CallInstruction instruction)
        {
            if (instruction.Respond is { } answer)
            {
                await handler.RespondAsync(context, answer, callee);
                if (answer.Status >= 200)
                    _callerFinal.TrySetResult();
            }
            foreach (var forkId in instruction.CancelForks)
            {
                if (_sent.TryGetValue(forkId, out var sent))
                    await handler._legs.CancelAsync(sent.Invite, sent.Destination);
            }
            if (instruction.Bye.Count > 0)
                await handler._legs.ByeAsync(instruction.Bye, callee);
            Ring(instruction.Forks);
        }
    }
}
