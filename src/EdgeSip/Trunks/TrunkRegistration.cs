using System.Globalization;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// Our registration with one carrier as a user agent client (RFC 3261 section 10.2): one Call-ID and From tag for every
/// REGISTER to this registrar, CSeq rising by one per request (10.2, 10.2.4), and a digest answer for each 401/407
/// challenge, once: a second challenge to the answered request means the credentials are wrong (22.2), unless the
/// carrier marks the nonce stale (RFC 7616 3.3), which is answered again.
/// </summary>
public sealed class TrunkRegistration(SipClient client, SipTransportSet transports, TrunkEndpoint trunk, TrunkSecret secret)
{
    private readonly string _callId = $"{SipResponseFactory.NewTag()}@pbx";
    private readonly string _fromTag = SipResponseFactory.NewTag();
    private uint _cseq;
    private uint _nonceCount;
    private string? _lastNonceChallenge;

    /// <summary>Sends REGISTER asking for <paramref name="expires"/> (zero removes the binding) and answers challenges.</summary>
    public async Task<TrunkRegisterOutcome> RegisterAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        string? authorization = null;
        var authorizationHeader = SipHeaderId.Authorization;
        var answeredStale = false;
        while (true)
        {
            var request = Create(expires, authorizationHeader, authorization);
            var response = await client.SendAsync(request, trunk.Destination, cancellationToken: cancellationToken);
            var status = response.StatusCode;
            if (status is >= 200 and < 300)
                return new TrunkRegisterOutcome(true, Granted(response, expires), $"{status} {response.ReasonPhrase}");
            if (status is not (401 or 407))
                return new TrunkRegisterOutcome(false, TimeSpan.Zero, $"{status} {response.ReasonPhrase}");

            var challengeHeader = status == 401 ? SipHeaderId.WwwAuthenticate : SipHeaderId.ProxyAuthenticate;
            var challenge = DigestResponder.Choose(response.GetAll(challengeHeader));
            if (challenge is null)
                return new TrunkRegisterOutcome(false, TimeSpan.Zero, $"{status} {response.ReasonPhrase}: no digest challenge we support");
            var stale = challenge.Contains("stale=true", StringComparison.OrdinalIgnoreCase);
            if (authorization is not null && (!stale || answeredStale))
                return new TrunkRegisterOutcome(false, TimeSpan.Zero, $"{status} {response.ReasonPhrase}: credentials refused");
            answeredStale |= authorization is not null;
            authorizationHeader = status == 401 ? SipHeaderId.Authorization : SipHeaderId.ProxyAuthorization;
            // nc counts requests under one nonce (RFC 7616 3.4); a new challenge starts again at 1.
            _nonceCount = challenge == _lastNonceChallenge ? _nonceCount + 1 : 1;
            _lastNonceChallenge = challenge;
            var outcome = DigestResponder.TryAnswer(challenge, "REGISTER", RegistrarUri, secret, SipResponseFactory.NewTag(), _nonceCount, out var answer);
            if (outcome != DigestAnswerOutcome.Answered)
                return new TrunkRegisterOutcome(false, TimeSpan.Zero, $"{status} {response.ReasonPhrase}: challenge {outcome}");
            authorization = answer;
        }
    }

    private string RegistrarUri => $"sip:{trunk.Domain}";

    private SipRequest Create(TimeSpan expires, SipHeaderId authorizationHeader, string? authorization)
    {
        _cseq++;
        var aor = $"<sip:{secret.Username}@{trunk.Domain}>";
        var request = new SipRequest("REGISTER", SipUri.Parse(RegistrarUri));
        var seconds = ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        request.Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, $"{aor};tag={_fromTag}")
            .Add(SipHeaderId.To, aor)
            .Add(SipHeaderId.CallId, _callId)
            .Add(SipHeaderId.CSeq, $"{_cseq.ToString(CultureInfo.InvariantCulture)} REGISTER")
            .Add(SipHeaderId.Contact, $"<{Calls.SipDialogMessages.Contact(secret.Username, trunk.Destination, transports.LocalFor(trunk.Destination))}>")
            .Add(SipHeaderId.Expires, seconds);
        if (authorization is not null)
            request.Add(authorizationHeader, authorization);
        return request;
    }

    private static TimeSpan Granted(SipResponse response, TimeSpan asked)
    {
        // RFC 3261 10.2.4: the registrar's Contact expires parameter (or else its Expires header) is the binding's life;
        // a trunk account holds our one binding, so the first Contact with expires is ours.
        foreach (var contact in response.Contacts)
        {
            if (contact.Expires is { } seconds)
                return TimeSpan.FromSeconds(seconds);
        }
        return response.Expires is { } expires ? TimeSpan.FromSeconds(expires) : asked;
    }
}
