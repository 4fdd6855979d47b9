namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// Timer J of every UDP non-INVITE server transaction (RFC 3261 17.2.2): each lingers 64*T1 after its final response to
/// answer retransmissions, then ends. The duration is the same for all, so arrival order is deadline order and one
/// timer armed for the oldest serves them all; a timer per transaction would keep half a million of them alive at
/// 8,000 REGISTER/s and make every timer tick in the process walk them.
/// </summary>
internal sealed class CompletedTransactionQueue(TimeProvider time, TimeSpan linger)
{
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset Deadline, SipServerTransaction Transaction)> _queue = new();
    private ITimer? _timer;

    /// <summary>Ends <paramref name="transaction"/> (through its <c>Terminate</c>) once the linger time has passed.</summary>
    public void Add(SipServerTransaction transaction)
    {
        lock (_gate)
        {
            _queue.Enqueue((time.GetUtcNow() + linger, transaction));
            _timer ??= time.CreateTimer(static state => ((CompletedTransactionQueue)state!).EndDue(), this, linger, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndDue()
    {
        List<SipServerTransaction>? due = null;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            var now = time.GetUtcNow();
            while (_queue.TryPeek(out var head) && head.Deadline <= now)
                (due ??= []).Add(_queue.Dequeue().Transaction);
            if (_queue.TryPeek(out var next))
                _timer = time.CreateTimer(static state => ((CompletedTransactionQueue)state!).EndDue(), this, next.Deadline - now, Timeout.InfiniteTimeSpan);
        }
        // Outside the lock: Terminate takes the transaction's own lock, which is held while adding to this queue.
        if (due is not null)
        {
            foreach (var transaction in due)
                transaction.Terminate();
        }
    }
}
