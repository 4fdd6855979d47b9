using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Carrier trunks at the edge: an INVITE whose source is a trunk is an inbound call (no digest: carriers are trusted by
/// address, RFC 3261 26.3.2.2 style), and an outbound fork to a trunk answers the carrier's digest challenge once.
/// </summary>
public sealed partial class SipInviteHandler
{
    /// <summary>Starts an inbound trunk call when the INVITE's source is a trunk; false when it is not (an extension's INVITE).</summary>
    private async Task<bool> TryStartFromTrunkAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var remote = context.Source.Remote;
        if (await _trunks.IdentifySourceAsync(remote.Address, remote.Port, cancellationToken) is not { } trunkId)
            return false;
        var request = context.Request;
        var callId = request.CallId;
        var offer = SipDialogMessages.Sdp(request);
        var called = request.RequestUri.User ?? "pbx";
        if (callId is null || request.From is null || request.To is null)
        {
            await context.RespondAsync(400, "Bad Request");
            return true;
        }
        if (offer is null)
        {
            // A late offer (RFC 3261 13.2.1, offer in the 2xx) is not supported by the media anchoring.
            await context.RespondAsync(488, "Not Acceptable Here");
            return true;
        }
        LogTrunkInvite(trunkId, callId, called);
        var from = request.From;
        string?[] candidates = [request.RequestUri.User, CalledPartyId(request), request.To.Uri.User];
        var call = grains.GetGrain<ICallGrain>(callId);
        var decision = await call.StartFromTrunkAsync(new TrunkCallSetup(trunkId, from.Uri.User, from.DisplayName, candidates,
            CallerLeg(context, callId), offer, _edge));
        if (decision.Refusal is { } refusal)
        {
            await RespondAsync(context, refusal, called);
            return true;
        }
        await new ForkSet(this, context, call, called).RunAsync(decision);
        return true;
    }

    /// <summary>The called number of P-Called-Party-ID (RFC 3455 4.2): a SIP URI's user part, or a tel: URI as it is.</summary>
    private static string? CalledPartyId(SipRequest request)
    {
        var value = request.Get("P-Called-Party-ID");
        if (value is null)
            return null;
        var open = value.IndexOf('<');
        var close = value.IndexOf('>');
        var uri = (open >= 0 && close > open ? value[(open + 1)..close] : value).Trim();
        if (uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            return uri;
        return SipUri.TryParse(uri, out var parsed) ? parsed.User : null;
    }

    /// <summary>
    /// RFC 3325 9.1 and 9.3: the carrier gets the caller's real identity in P-Asserted-Identity, and with privacy on also
    /// Privacy: id so it withholds it from the called party (the From is already anonymous, RFC 3323 4.1.1.3).
    /// </summary>
    private static void AddTrunkIdentity(SipRequest invite, TrunkFork trunk)
    {
        invite.Add("P-Asserted-Identity", $"<{trunk.AssertedIdentity}>");
        if (trunk.Privacy)
            invite.Add("Privacy", "id");
    }

    private sealed partial class ForkSet
    {
        /// <summary>
        /// A carrier challenged our INVITE (401/407): the same INVITE goes again with the next CSeq and the trunk's digest
        /// answer (RFC 3261 22.2). Only once: a second challenge means the credentials are wrong, and that, like a challenge
        /// we cannot answer, is reported as 503 so the call fails over to the next trunk instead of challenging the phone.
        /// </summary>
        private async Task<(SipResponse Response, uint? CSeq)> AnswerTrunkChallengeAsync(ForkTarget fork, SipEndPoint destination, SipResponse challenge)
        {
            var trunkId = fork.Trunk!.TrunkId;
            var proxy = challenge.StatusCode == 407;
            var offered = DigestResponder.Choose(challenge.GetAll(proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate));
            var credentials = await handler._trunks.FindCredentialsAsync(trunkId, CancellationToken.None);
            if (offered is null || credentials is null)
            {
                handler.LogTrunkChallengeUnanswered(trunkId, fork.Leg.CallId, offered is null ? "no supported challenge" : "no credentials stored");
                return (Unavailable, null);
            }
            var cseq = fork.Leg.LocalCSeq + 1;
            var invite = handler.CreateInvite(fork, cseq, destination);
            var secret = new TrunkSecret(credentials.Username, null, credentials.Realm, credentials.Ha1Md5);
            var outcome = DigestResponder.TryAnswer(offered, "INVITE", invite.RequestUri.ToString(), secret, SipResponseFactory.NewTag(), 1, out var authorization);
            if (outcome != DigestAnswerOutcome.Answered)
            {
                handler.LogTrunkChallengeUnanswered(trunkId, fork.Leg.CallId, outcome.ToString());
                return (Unavailable, null);
            }
            invite.Add(proxy ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization, authorization);
            _sent[fork.ForkId] = (invite, destination);
            var response = await handler._client.SendAsync(invite, destination, provisional: r => _ = ReportAsync(fork, r, cseq));
            if (response.StatusCode is 401 or 407)
            {
                handler.LogTrunkChallengeUnanswered(trunkId, fork.Leg.CallId, "credentials refused");
                return (Unavailable, cseq);
            }
            return (response, cseq);
        }

        private static SipResponse Unavailable => new(503, "Service Unavailable");
    }
}
