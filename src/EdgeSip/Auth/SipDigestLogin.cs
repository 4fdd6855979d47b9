using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// The digest login of a phone's REGISTER (401, RFC 3261 22.1) or INVITE (407, 22.3). A number that is no usable
/// extension (unknown or disabled) is answered exactly as a real one with a wrong password: challenged, its answer
/// checked against credentials nobody knows, the failure counted against the source address. So neither the status nor
/// the work done tells a scanner which extensions exist (svwar, svcrack). Only an extension already locked out answers
/// 403 at once: a guesser had to find it and fail on it first, and its own phone must not keep failing against it.
/// </summary>
public sealed partial class SipDigestLogin(
    DigestAuthenticator digest,
    SourceLockoutTable sourceLockout,
    IOptions<SipRealmOptions> realm,
    ILogger<SipDigestLogin> logger)
{
    // Random per process: no password hashes to it, so every answer checked against it fails as a wrong one does.
    private readonly ExtensionCredentials _nobody = new(realm.Value.Realm,
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), true, false);

    /// <summary>True while the request's source is locked out: it gets 403 before any grain call or hash.</summary>
    public bool SourceLocked(SipServerContext context) => sourceLockout.IsLocked(context.Source.Remote.Address);

    /// <summary>
    /// Checks the request's credentials for extension <paramref name="number"/>, whose stored credentials are
    /// <paramref name="stored"/> (null when there is no such extension). True when the phone proved them; otherwise the
    /// challenge or refusal has been sent.
    /// </summary>
    public async Task<bool> VerifyAsync(SipServerContext context, string number, IExtensionGrain grain, ExtensionCredentials? stored, bool asProxy)
    {
        if (stored is { LockedOut: true })
        {
            await context.RespondAsync(403, "Forbidden");
            return false;
        }
        var expected = stored is { Enabled: true } ? stored : _nobody;
        var header = context.Request.Get(asProxy ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
        if (header is null)
        {
            await context.ChallengeAsync(digest, expected.Realm, stale: false, asProxy);
            return false;
        }
        if (!DigestCredentials.TryParse(header, out var credentials))
        {
            await context.RespondAsync(400, "Malformed Authorization");
            return false;
        }
        // The credentials must be the extension's own: one phone may not act as another's number (RFC 3261 10.3 step 3).
        if (!credentials.Username.SequenceEqual(number))
        {
            await context.RespondAsync(403, "Forbidden");
            return false;
        }
        var address = context.Source.Remote.Address;
        switch (digest.Verify(credentials, context.Request.Method, context.Request.RequestUriText, expected))
        {
            case DigestVerdict.Valid:
                sourceLockout.RecordSuccess(address);
                return true;
            case DigestVerdict.StaleNonce:
                await context.ChallengeAsync(digest, expected.Realm, stale: true, asProxy);
                return false;
            case var verdict:
                LogLoginFailed(context.Request.Method, number, address.ToString(), context.Source.Remote.Port, verdict);
                var locked = sourceLockout.RecordFailure(address);
                if (ReferenceEquals(expected, stored))
                    locked |= (await grain.RecordAuthFailureAsync(address.ToString())).LockedUntil is not null;
                if (locked)
                    await context.RespondAsync(403, "Forbidden");
                else
                    await context.ChallengeAsync(digest, expected.Realm, stale: false, asProxy);
                return false;
        }
    }

    // Security events: EventIds 3100-3149. One line per failed login, in the form deploy/fail2ban/pbx-sip.conf reads.
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Security: SIP {Method} login failed for {Extension} from {SourceAddress} port {SourcePort}: {Verdict}")]
    private partial void LogLoginFailed(string method, string extension, string sourceAddress, int sourcePort, DigestVerdict verdict);
}
