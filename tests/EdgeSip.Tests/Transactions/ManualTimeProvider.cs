namespace Pbx.EdgeSip.Tests.Transactions;

/// <summary>A clock that moves only when the test says so; due timers fire, in order, inside <see cref="Advance"/>.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Created)> _waiters = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Due == dueTime).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Created.TrySetResult();
            }
        }
        return timer;
    }

    /// <summary>Completes when code under test creates a timer due after <paramref name="due"/>: the signal that it is waiting.</summary>
    public Task WhenTimerCreated(TimeSpan due)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _waiters.Add((due, created));
        return created.Task;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
            target = _now + by;
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var timer in _timers)
                {
                    if (timer.Due <= target && (next is null || timer.Due < next.Due))
                        next = timer;
                }
                if (next is null)
                {
                    _now = target;
                    return;
                }
                _now = next.Due;
                if (next.Period > TimeSpan.Zero)
                    next.Due += next.Period;
                else
                    _timers.Remove(next);
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                    return true;
                Due = owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                owner._timers.Add(this);
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
                owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
