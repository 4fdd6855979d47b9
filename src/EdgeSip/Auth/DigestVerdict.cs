namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Result of checking digest credentials. What the registrar answers (RFC 3261 22.4, RFC 7616 3.3):
/// <see cref="Valid"/> proceeds; <see cref="StaleNonce"/> re-challenges with stale=true and is not a failed login;
/// <see cref="WrongResponse"/>, <see cref="ReplayedNonceCount"/> and <see cref="UriMismatch"/> count as failed logins and re-challenge.
/// </summary>
public enum DigestVerdict
{
    /// <summary>The response matches, the nonce is ours and current, and the nonce count is new.</summary>
    Valid,
    /// <summary>The response matches but the nonce expired, was issued before this process started, or fell out of the nonce-count table.</summary>
    StaleNonce,
    /// <summary>The response does not match: wrong password, wrong realm or tampered parameters.</summary>
    WrongResponse,
    /// <summary>The response matches but its nonce count was already used with this nonce: a replay (RFC 7616 section 3.4).</summary>
    ReplayedNonceCount,
    /// <summary>The digest uri differs from the request's Request-URI (RFC 2617 section 3.2.2.5).</summary>
    UriMismatch,
}
