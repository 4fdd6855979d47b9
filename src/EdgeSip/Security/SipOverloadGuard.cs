using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Security;

/// <summary>
/// Admission of new work by how many requests wait on the cluster already (<see cref="SipOverloadOptions"/>). One
/// counter: a request shed costs a stateless 503 built from it, no transaction, no digest and no grain call.
/// </summary>
public sealed class SipOverloadGuard(IOptions<SipOverloadOptions> options)
{
    private readonly int _maxPending = options.Value.MaxPendingRequests;
    private readonly int _retryAfter = options.Value.RetryAfterSeconds;
    private int _pending;

    /// <summary>Requests handed to their handler and not yet done.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Whether <paramref name="request"/> is refused now: too many wait already, and it starts new work. What finishes
    /// work already started always goes on: requests in a dialog (their To has a tag, RFC 3261 12.2), ACK and CANCEL,
    /// and requests carrying credentials (the second half of a REGISTER or INVITE whose challenge was already paid for).
    /// </summary>
    public bool ShouldShed(SipRequest request) =>
        Volatile.Read(ref _pending) >= _maxPending
        && request.Method is not ("ACK" or "CANCEL")
        && request.Get(SipHeaderId.Authorization) is null && request.Get(SipHeaderId.ProxyAuthorization) is null
        && request.To?.Tag is null;

    /// <summary>A request goes to its handler; <see cref="Leave"/> follows when the handler is done.</summary>
    public void Enter() => Interlocked.Increment(ref _pending);

    /// <summary>A handler is done.</summary>
    public void Leave() => Interlocked.Decrement(ref _pending);

    /// <summary>The Retry-After for a refusal: between the setting and twice it, so refused phones spread their return.</summary>
    public int NextRetryAfter() => Random.Shared.Next(_retryAfter, 2 * _retryAfter + 1);
}
