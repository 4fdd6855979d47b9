using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>
/// One activation of one grain: its instance and its mailbox. Calls queue in arrival order and run one turn at a
/// time; [ReadOnly] turns may overlap each other, [AlwaysInterleave] and [Reentrant] ones start at once. The lock
/// guards only the queue and counters and is never held across an await.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly Lock _lock = new();
    private readonly Queue<Turn> _pending = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly GrainRuntime _runtime;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActivationScheduler _scheduler = new();
    private Grain? _grain;
    private ActivationState _state;
    private bool _exclusiveRunning;
    private int _readersRunning;
    private int _interleavedRunning;
    private DeactivationReason? _deactivationRequest;
    private long _lastActivity;

    public ActivationData(GrainRuntime runtime, GrainId grainId, GrainClass grainClass)
    {
        _runtime = runtime;
        GrainId = grainId;
        Class = grainClass;
        _lastActivity = runtime.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClass Class { get; }

    public IGrainFactory GrainFactory => _runtime;

    /// <summary>Completes once the activation is gone, so a call that found it deactivating can go to the next one.</summary>
    public Task Deactivated => _deactivated.Task;

    internal TimeProvider Time => _runtime.Time;

    /// <summary>Where this activation's code runs, one piece at a time.</summary>
    internal ActivationScheduler Scheduler => _scheduler;

    private bool IsIdle => !_exclusiveRunning && _readersRunning == 0 && _interleavedRunning == 0;

    /// <summary>Queues <paramref name="turn"/>; false when this activation is going away and the turn must go to a new one.</summary>
    public bool TryEnqueue(Turn turn)
    {
        var activate = false;
        lock (_lock)
        {
            if (_state >= ActivationState.Deactivating || _deactivationRequest is not null)
                return false;
            if (!turn.IsTimerTick)
                _lastActivity = _runtime.Time.GetTimestamp();
            if (_state == ActivationState.Valid && KindOf(turn) == TurnKind.Interleave)
            {
                _interleavedRunning++;
                turn.ScheduleOn(this);
                return true;
            }
            _pending.Enqueue(turn);
            if (_state == ActivationState.Created)
            {
                _state = ActivationState.Activating;
                activate = true;
            }
            else if (_state == ActivationState.Valid)
            {
                TakeRunnable(keepFirst: false);
            }
        }
        if (activate)
            _scheduler.Post(static state => _ = ((ActivationData)state!).ActivateAsync(), this);
        return true;
    }

    /// <summary>Entry from the scheduler: runs <paramref name="turn"/>, then whatever it unblocks, without another hop.</summary>
    public void RunTurns(Turn turn) => _ = RunTurnsAsync(turn);

    private async Task RunTurnsAsync(Turn? turn)
    {
        while (turn is not null)
        {
            // No ConfigureAwait(false) in this class's turn path: it must resume on the activation's scheduler.
            if (!turn.IsExpired)
                await turn.ExecuteAsync(_grain!);
            DeactivationReason? deactivate = null;
            lock (_lock)
            {
                switch (KindOf(turn))
                {
                    case TurnKind.Interleave: _interleavedRunning--; break;
                    case TurnKind.ReadOnly: _readersRunning--; break;
                    default: _exclusiveRunning = false; break;
                }
                if (!turn.IsTimerTick)
                    _lastActivity = _runtime.Time.GetTimestamp();
                turn = null;
                if (_deactivationRequest is { } reason)
                {
                    if (IsIdle && _state == ActivationState.Valid)
                    {
                        _state = ActivationState.Deactivating;
                        deactivate = reason;
                    }
                }
                else
                {
                    turn = TakeRunnable(keepFirst: true);
                }
            }
            if (deactivate is { } why)
                await DeactivateAsync(why);
        }
    }

    /// <summary>
    /// Under the lock: dequeues every turn that may start now. With <paramref name="keepFirst"/> the first is returned for
    /// the caller to run inline (saves a hop between consecutive turns); the rest are posted to the scheduler.
    /// </summary>
    private Turn? TakeRunnable(bool keepFirst)
    {
        Turn? first = null;
        while (_deactivationRequest is null && _pending.TryPeek(out var next))
        {
            if (next.IsExpired)
            {
                _pending.Dequeue();
                continue;
            }
            var kind = KindOf(next);
            if (kind == TurnKind.Interleave)
            {
                _interleavedRunning++;
            }
            else if (_exclusiveRunning || (kind == TurnKind.Exclusive && _readersRunning > 0))
            {
                break;
            }
            else if (kind == TurnKind.Exclusive)
            {
                _exclusiveRunning = true;
            }
            else
            {
                _readersRunning++;
            }
            _pending.Dequeue();
            if (keepFirst && first is null)
                first = next;
            else
                next.ScheduleOn(this);
        }
        return first;
    }

    private TurnKind KindOf(Turn turn) => Class.IsReentrant ? TurnKind.Interleave : turn.Kind;

    private async Task ActivateAsync()
    {
        try
        {
            _grain = await Class.ActivateAsync(_runtime.Services, _runtime.Storage, this, CancellationToken.None)
                .WaitAsync(_runtime.CallTimeout, _runtime.Time);
        }
        catch (Exception ex)
        {
            LogActivationFailed(_runtime.Logger, ex, GrainId);
            Turn[] pending;
            lock (_lock)
            {
                _state = ActivationState.Deactivated;
                pending = [.. _pending];
                _pending.Clear();
            }
            _runtime.OnDeactivated(this, reason: null);
            _deactivated.TrySetResult();
            foreach (var turn in pending)
                turn.Fail(ex);
            return;
        }
        Turn? first = null;
        DeactivationReason? deactivate = null;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            if (_deactivationRequest is { } reason)
            {
                _state = ActivationState.Deactivating;
                deactivate = reason;
            }
            else
            {
                first = TakeRunnable(keepFirst: true);
            }
        }
        _runtime.OnActivated(this);
        if (deactivate is { } why)
            await DeactivateAsync(why);
        else if (first is not null)
            await RunTurnsAsync(first);
    }
}
