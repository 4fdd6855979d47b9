namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// The timers of one fixed duration that nothing cancels (RFC 3261 17: timers K and D end a client
/// transaction after a constant time): every action added runs once that duration has passed.
/// The duration is the same for all, so arrival order is deadline order and one timer armed for the oldest serves them
/// all; a timer each kept tens of thousands alive at 1,000 calls/s and made every timer tick in the process walk them.
/// </summary>
internal sealed class FixedDelayQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset Deadline, Action Action)> _queue = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _delay;
    private readonly DeadlineSweep _sweep;

    public FixedDelayQueue(TimeProvider time, TimeSpan delay)
    {
        _time = time;
        _delay = delay;
        _sweep = new DeadlineSweep(time, EndDue);
    }

    /// <summary>Runs <paramref name="action"/> once the delay has passed from now.</summary>
    public void Add(Action action)
    {
        lock (_gate)
        {
            _queue.Enqueue((_time.GetUtcNow() + _delay, action));
            _sweep.Added(_delay);
        }
    }

    private void EndDue()
    {
        List<Action>? due = null;
        lock (_gate)
        {
            _sweep.Fired();
            var now = _time.GetUtcNow();
            while (_queue.TryPeek(out var head) && head.Deadline <= now)
                (due ??= []).Add(_queue.Dequeue().Action);
            if (_queue.TryPeek(out var next))
                _sweep.Next(next.Deadline - now);
        }
        if (due is not null)
        {
            foreach (var action in due)
                action();
        }
    }
}
