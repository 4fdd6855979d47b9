using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>Forks to carrier trunks (outbound calls): the caller's identity for the carrier, and its digest challenge answered once.</summary>
internal sealed partial class SipForkSet
{
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

    /// <summary>
    /// A carrier challenged our INVITE (401/407): the same INVITE goes again with the next CSeq and the trunk's digest
    /// answer (RFC 3261 22.2). Only once: a second challenge means the credentials are wrong, and that, like a challenge
    /// we cannot answer, is reported as 503 so the call fails over to the next trunk instead of challenging the phone.
    /// </summary>
    private async Task<(SipResponse Response, uint? CSeq)> AnswerTrunkChallengeAsync(ForkTarget fork, SipEndPoint destination, SipResponse challenge, ForkReportOrder order)
    {
        var trunkId = fork.Trunk!.TrunkId;
        var proxy = challenge.StatusCode == 407;
        var offered = DigestResponder.Choose(challenge.GetAll(proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate));
        var credentials = await owner.Trunks.FindCredentialsAsync(trunkId, CancellationToken.None);
        if (offered is null || credentials is null)
        {
            owner.LogTrunkChallengeUnanswered(trunkId, fork.Leg.CallId, offered is null ? "no supported challenge" : "no credentials stored");
            return (Unavailable, null);
        }
        var cseq = fork.Leg.LocalCSeq + 1;
        var invite = CreateInvite(fork, cseq, destination);
        var secret = new TrunkSecret(credentials.Username, null, credentials.Realm, credentials.Ha1Md5);
        var outcome = DigestResponder.TryAnswer(offered, "INVITE", invite.RequestUri.ToString(), secret, SipResponseFactory.NewTag(), 1, out var authorization);
        if (outcome != DigestAnswerOutcome.Answered)
        {
            owner.LogTrunkChallengeUnanswered(trunkId, fork.Leg.CallId, outcome.ToString());
            return (Unavailable, null);
        }
        invite.Add(proxy ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization, authorization);
        _sent[fork.ForkId] = (invite, destination);
        var response = await SendToTrunkAsync(fork, invite, destination, cseq, order);
        if (response.StatusCode is 401 or 407)
        {
            owner.LogTrunkChallengeUnanswered(trunkId, fork.Leg.CallId, "credentials refused");
            return (Unavailable, cseq);
        }
        return (response, cseq);
    }

    /// <summary>
    /// Sends a trunk fork's INVITE. A carrier that sends nothing at all within the fork's failover time is given up: the
    /// grain hears a 408 and offers the call to the next trunk. The transaction itself runs on, because RFC 3261 9.1 allows
    /// no CANCEL before a provisional response: a provisional that comes late is CANCELled then, a late 2xx is ACKed and
    /// reported (the grain ends it with BYE), and any other late final is reported as 503 so it starts no challenge round.
    /// </summary>
    private async Task<SipResponse> SendToTrunkAsync(ForkTarget fork, SipRequest invite, SipEndPoint destination, uint? cseq, ForkReportOrder order)
    {
        const int Silent = 0, Responded = 1, GivenUp = 2;
        var state = Silent;
        var sending = client.SendAsync(invite, destination, provisional: r =>
        {
            if (Interlocked.CompareExchange(ref state, Responded, Silent) == GivenUp)
                _ = legs.CancelAsync(invite, destination);
            else
                ReportProvisional(fork, r, cseq ?? fork.Leg.LocalCSeq, order);
        });
        if (fork.Trunk!.FailoverTimeout is not { } timeout)
            return await sending;
        try
        {
            return await sending.WaitAsync(timeout, time);
        }
        catch (TimeoutException) when (Interlocked.CompareExchange(ref state, GivenUp, Silent) == Silent)
        {
            owner.LogTrunkSilent(fork.Trunk.TrunkId, fork.Leg.CallId, timeout);
            await ReportAsync(fork, new SipResponse(408, "Request Timeout"), cseq);
        }
        catch (TimeoutException)
        {
            // The carrier answered something in time: it rings under the call's no-answer time.
            return await sending;
        }
        var late = await sending;
        return late.StatusCode is >= 200 and < 300 ? late : Unavailable;
    }

    private static SipResponse Unavailable => new(503, "Service Unavailable");
}
