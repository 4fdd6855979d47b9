using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// Timer J of every UDP non-INVITE server transaction (RFC 3261 17.2.2): each final response lingers 64*T1 to answer
/// retransmissions, then is forgotten. The duration is the same for all, so arrival order is deadline order and one
/// timer armed for the oldest serves them all; a timer per transaction would keep half a million of them alive at
/// 8,000 REGISTER/s and make every timer tick in the process walk them.
/// </summary>
internal sealed class CompletedTransactionQueue(TimeProvider time, TimeSpan linger, Action<LingeringResponse> expire)
{
    // Deadlines arrive microseconds apart at 16,000 transactions/s; re-arming for the very next one fired the timer every
    // millisecond. Sweeping at most this often lets a response linger up to this much past 64*T1, which costs nothing.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Queue<LingeringResponse> _queue = new();
    private ITimer? _timer;

    /// <summary>A lingering response for the final <paramref name="bytes"/> of transaction <paramref name="key"/>, due linger from now.</summary>
    public LingeringResponse Create(string key, SipEndPoint source, byte[] bytes) => new(key, source, bytes, time.GetUtcNow() + linger);

    /// <summary>Hands <paramref name="response"/> to the expire callback once its deadline has passed.</summary>
    public void Add(LingeringResponse response)
    {
        lock (_gate)
        {
            _queue.Enqueue(response);
            _timer ??= time.CreateTimer(static state => ((CompletedTransactionQueue)state!).EndDue(), this, linger, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndDue()
    {
        List<LingeringResponse>? due = null;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            var now = time.GetUtcNow();
            while (_queue.TryPeek(out var head) && head.Deadline <= now)
                (due ??= []).Add(_queue.Dequeue());
            if (_queue.TryPeek(out var next))
                _timer = time.CreateTimer(static state => ((CompletedTransactionQueue)state!).EndDue(), this,
                    TimeSpan.FromTicks(Math.Max((next.Deadline - now).Ticks, SweepInterval.Ticks)), Timeout.InfiniteTimeSpan);
        }
        if (due is not null)
        {
            foreach (var response in due)
                expire(response);
        }
    }
}
