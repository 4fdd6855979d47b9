using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Auth;

/// <summary>Answers a request with a digest challenge: 401 for the registrar, 407 when the PBX acts for a proxy (INVITE).</summary>
internal static class DigestChallengeResponse
{
    public static Task ChallengeAsync(this SipServerContext context, DigestAuthenticator digest, string realm, bool stale, bool asProxy)
    {
        var challenge = digest.Challenge(realm, stale, context.Request.Get(SipHeaderId.UserAgent));
        // RFC 3261 22.3: a proxy-like server challenges with 407 and Proxy-Authenticate, a registrar with 401 and WWW-Authenticate.
        var (status, reason, header) = asProxy
            ? (407, "Proxy Authentication Required", SipHeaderId.ProxyAuthenticate)
            : (401, "Unauthorized", SipHeaderId.WwwAuthenticate);
        var response = context.CreateResponse(status, reason);
        // RFC 8760 2.4: one challenge per algorithm, most preferred first.
        if (challenge.Sha256 is not null)
            response.Add(header, challenge.Sha256);
        response.Add(header, challenge.Md5);
        return context.RespondAsync(response);
    }
}
