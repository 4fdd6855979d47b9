using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Security;

/// <summary>
/// Admission of new requests by how many wait on the cluster already (<see cref="SipOverloadOptions"/>). One interlocked
/// counter: what a refusal costs is a 503 built from the request, no digest and no grain call.
/// </summary>
public sealed class SipOverloadGuard(IOptions<SipOverloadOptions> options)
{
    private readonly int _maxPending = options.Value.MaxPendingRequests;
    private readonly int _retryAfter = options.Value.RetryAfterSeconds;
    private int _pending;

    /// <summary>Requests admitted and not yet done.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Whether <paramref name="request"/> may go to its handler now; when it may, the caller calls <see cref="Leave"/>
    /// once it is done. A request in a dialog (its To has a tag: RFC 3261 12.2) is always admitted, as it ends or keeps
    /// up what is already served; so are CANCEL and ACK.
    /// </summary>
    public bool TryEnter(SipRequest request)
    {
        var pending = Interlocked.Increment(ref _pending);
        if (pending <= _maxPending || IsOfExistingWork(request))
            return true;
        Interlocked.Decrement(ref _pending);
        return false;
    }

    /// <summary>An admitted request is done.</summary>
    public void Leave() => Interlocked.Decrement(ref _pending);

    /// <summary>The Retry-After for a refusal: between the setting and twice it, so refused phones spread their return.</summary>
    public int NextRetryAfter() => Random.Shared.Next(_retryAfter, 2 * _retryAfter + 1);

    private static bool IsOfExistingWork(SipRequest request) =>
        request.Method is "ACK" or "CANCEL" || request.To?.Tag is not null;
}
