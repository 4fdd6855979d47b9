namespace Pbx.EdgeSip.Auth;

/// <summary>What the nonce-count table says about one (nonce, nc) pair.</summary>
public enum NonceCountResult
{
    /// <summary>The count is higher than any seen with this nonce; now recorded.</summary>
    Accepted,
    /// <summary>The count was already used with this nonce (or a higher one was): a replay.</summary>
    Replayed,
    /// <summary>The nonce may have been used before but its entry was evicted: re-challenge with stale=true.</summary>
    Forgotten,
}
