namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// The one timer of a queue whose items all wait the same delay (so arrival order is deadline order): armed for the
/// oldest item's deadline, it runs the queue's sweep, which re-arms it for the next. Not thread-safe: the queue calls it
/// under its own lock.
/// </summary>
internal sealed class DeadlineSweep(TimeProvider time, Action sweep)
{
    // Deadlines arrive microseconds apart at 16,000 transactions/s; re-arming for the very next one fired the timer every
    // millisecond. Sweeping at most this often lets an item wait up to this much past its deadline, which costs nothing.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    private ITimer? _timer;

    /// <summary>An item was added <paramref name="delay"/> before its deadline: arms the timer unless an older item did.</summary>
    public void Added(TimeSpan delay) =>
        _timer ??= time.CreateTimer(static state => ((Action)state!)(), sweep, delay, Timeout.InfiniteTimeSpan);

    /// <summary>Called at the start of the sweep: the timer that fired is done.</summary>
    public void Fired()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>After the sweep: the next item is due <paramref name="untilNext"/> from now (swept no sooner than the interval).</summary>
    public void Next(TimeSpan untilNext) =>
        _timer = time.CreateTimer(static state => ((Action)state!)(), sweep, untilNext < SweepInterval ? SweepInterval : untilNext,
            Timeout.InfiniteTimeSpan);
}
