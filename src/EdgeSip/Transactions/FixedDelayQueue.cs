namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// The timers of one fixed duration that nothing cancels (RFC 3261 17: timers K and D end a client
/// transaction after a constant time): every action added runs once that duration has passed.
/// The duration is the same for all, so arrival order is deadline order and one timer armed for the oldest serves them
/// all; a timer each kept tens of thousands alive at 1,000 calls/s and made every timer tick in the process walk them.
/// </summary>
internal sealed class FixedDelayQueue(TimeProvider time, TimeSpan delay)
{
    // Deadlines arrive microseconds apart at 16,000 transactions/s; re-arming for the very next one fired the timer every
    // millisecond. Sweeping at most this often lets an action wait up to this much past its delay, which costs nothing.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset Deadline, Action Action)> _queue = new();
    private ITimer? _timer;

    /// <summary>Runs <paramref name="action"/> once the delay has passed from now.</summary>
    public void Add(Action action)
    {
        lock (_gate)
        {
            _queue.Enqueue((time.GetUtcNow() + delay, action));
            _timer ??= time.CreateTimer(static state => ((FixedDelayQueue)state!).EndDue(), this, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndDue()
    {
        List<Action>? due = null;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            var now = time.GetUtcNow();
            while (_queue.TryPeek(out var head) && head.Deadline <= now)
                (due ??= []).Add(_queue.Dequeue().Action);
            if (_queue.TryPeek(out var next))
                _timer = time.CreateTimer(static state => ((FixedDelayQueue)state!).EndDue(), this,
                    TimeSpan.FromTicks(Math.Max((next.Deadline - now).Ticks, SweepInterval.Ticks)), Timeout.InfiniteTimeSpan);
        }
        if (due is not null)
        {
            foreach (var action in due)
                action();
        }
    }
}
