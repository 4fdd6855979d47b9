using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

internal sealed partial class ActivationData
{
    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, period);
        lock (_lock)
        {
            if (_state >= ActivationState.Deactivating)
                throw new InvalidOperationException($"Grain {GrainId} is deactivating and cannot start a timer.");
            _timers.Add(timer);
        }
        timer.Start(dueTime);
        return timer;
    }

    public Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (!Class.IsRemindable)
            throw new InvalidOperationException($"Grain {GrainId} registers reminder '{reminderName}' but {Class.ImplementationType.Name} does not implement IRemindable.");
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        return _runtime.Reminders.UpsertAsync(GrainId, reminderName, _runtime.Time.GetUtcNow() + dueTime, period, CancellationToken.None);
    }

    public Task UnregisterReminder(string reminderName) => _runtime.Reminders.DeleteAsync(GrainId, reminderName, CancellationToken.None);

    /// <summary>Called from within a turn: the activation goes once running turns end; calls queued meanwhile go to a new activation.</summary>
    public void DeactivateOnIdle()
    {
        lock (_lock)
            _deactivationRequest ??= DeactivationReason.Requested;
    }

    /// <summary>For a timer tick: the tick turn that will call <paramref name="callback"/>.</summary>
    internal static Turn<bool> CreateTimerTurn(Func<CancellationToken, Task> callback) =>
        new("timer", TurnKind.Exclusive, isTimerTick: true, static (_, args) => Turn.Completed(((Func<CancellationToken, Task>)args[0]!)(CancellationToken.None)), [callback]);

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
            _timers.Remove(timer);
    }

    internal void LogTimerFailed(Exception exception) => LogTimerFailed(_runtime.Logger, exception, GrainId);

    /// <summary>The collector's check: when nothing ran for <paramref name="age"/>, starts deactivation and returns its completion.</summary>
    public Task? TryCollect(TimeSpan age)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || !IsIdle || _pending.Count != 0 || _deactivationRequest is not null
                || _runtime.Time.GetElapsedTime(_lastActivity) < age)
            {
                return null;
            }
            _state = ActivationState.Deactivating;
        }
        return DeactivateOnScheduler(DeactivationReason.Idle);
    }

    /// <summary>Shutdown: deactivates now when idle, else once the running turns end.</summary>
    public Task DeactivateForShutdown()
    {
        var now = false;
        lock (_lock)
        {
            _deactivationRequest ??= DeactivationReason.Shutdown;
            if (_state == ActivationState.Created)
            {
                _state = ActivationState.Deactivated;
                _runtime.OnDeactivated(this, reason: null);
                _deactivated.TrySetResult();
            }
            else if (_state == ActivationState.Valid && IsIdle)
            {
                _state = ActivationState.Deactivating;
                now = true;
            }
        }
        return now ? DeactivateOnScheduler(DeactivationReason.Shutdown) : Deactivated;
    }

    /// <summary>Runs <see cref="DeactivateAsync"/> on the scheduler, so OnDeactivateAsync runs like a turn; completes when gone.</summary>
    private Task DeactivateOnScheduler(DeactivationReason reason)
    {
        _scheduler.Post(static state =>
        {
            var (activation, why) = ((ActivationData, DeactivationReason))state!;
            _ = activation.DeactivateAsync(why);
        }, (this, reason));
        return Deactivated;
    }

    /// <summary>Runs OnDeactivateAsync (bounded by the call timeout), then hands queued calls to a new activation.</summary>
    private async Task DeactivateAsync(DeactivationReason reason)
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }
        foreach (var timer in timers)
            timer.Stop();
        try
        {
            await _grain!.OnDeactivateAsync(reason, CancellationToken.None).WaitAsync(_runtime.CallTimeout, _runtime.Time).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDeactivationFailed(_runtime.Logger, ex, GrainId, reason);
        }
        Turn[] pending;
        lock (_lock)
        {
            _state = ActivationState.Deactivated;
            pending = [.. _pending];
            _pending.Clear();
        }
        _runtime.OnDeactivated(this, reason);
        _deactivated.TrySetResult();
        foreach (var turn in pending)
        {
            if (turn.IsTimerTick)
                turn.Fail(new OperationCanceledException($"Timer tick dropped: grain {GrainId} deactivated ({reason})."));
            else
                _runtime.Dispatch(null, GrainId, Class, turn);
        }
    }
}
