using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// Answers a carrier's 401/407 to an outbound INVITE (RFC 3261 22.2) with the trunk's stored HA1: the caller re-sends the
/// INVITE with the next CSeq and the header this returns. Only HA1 for the carrier's realm is used, as for registration.
/// </summary>
public sealed partial class TrunkInviteAuthorizer(ITrunkDirectory trunks, ILogger<TrunkInviteAuthorizer> logger)
{
    /// <summary>The header (Authorization or Proxy-Authorization) and value answering <paramref name="challenge"/>, or null when it cannot be answered.</summary>
    /// <param name="trunkId">The trunk the INVITE went to.</param>
    /// <param name="callId">The INVITE's Call-ID, for the log.</param>
    /// <param name="challenge">The 401 or 407 response.</param>
    /// <param name="requestUri">The Request-URI of the INVITE to re-send: the digest-uri (RFC 3261 22.4).</param>
    public async Task<(SipHeaderId Header, string Value)?> AnswerAsync(string trunkId, string callId, SipResponse challenge, string requestUri)
    {
        var proxy = challenge.StatusCode == 407;
        var offered = DigestResponder.Choose(challenge.GetAll(proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate));
        var credentials = await trunks.FindCredentialsAsync(trunkId, CancellationToken.None);
        if (offered is null || credentials is null)
        {
            LogUnanswered(trunkId, callId, offered is null ? "no supported challenge" : "no HA1 credentials stored");
            return null;
        }
        var secret = new TrunkSecret(credentials.Username, null, credentials.Realm, credentials.Ha1Md5);
        // A fresh challenge per INVITE, so this is the nonce's first use: nc=1 (RFC 7616 3.4).
        var outcome = DigestResponder.TryAnswer(offered, "INVITE", requestUri, secret, SipResponseFactory.NewTag(), 1, out var authorization);
        if (outcome != DigestAnswerOutcome.Answered)
        {
            LogUnanswered(trunkId, callId, outcome.ToString());
            return null;
        }
        return (proxy ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization, authorization);
    }

    /// <summary>The carrier challenged the INVITE that already carried our answer: the credentials are wrong.</summary>
    public void Refused(string trunkId, string callId) => LogUnanswered(trunkId, callId, "credentials refused");

    // EventIds 3220-3239: trunk calls at the edge.
    [LoggerMessage(EventId = 3222, Level = LogLevel.Warning, Message = "Trunk {TrunkId} challenged INVITE {CallId} and it was not answered: {Reason}")]
    private partial void LogUnanswered(string trunkId, string callId, string reason);
}
