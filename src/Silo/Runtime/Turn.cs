namespace Pbx.Silo.Runtime;

/// <summary>
/// One queued unit of work for an activation: a grain call, a timer tick or a reminder. It is its own thread-pool
/// work item so that starting a turn allocates nothing beyond the turn itself.
/// </summary>
internal abstract class Turn(string name, TurnKind kind, bool keepsAlive) : IThreadPoolWorkItem
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private ActivationData? _activation;
    private int _expired;

    /// <summary>Interface and method, for timeouts and logs.</summary>
    public string Name { get; } = name;

    public TurnKind Kind { get; } = kind;

    /// <summary>False for timer ticks: like Orleans, timers alone do not keep an idle activation alive.</summary>
    public bool KeepsAlive { get; } = keepsAlive;

    /// <summary>The caller gave up (timeout): a turn still queued is skipped rather than run for nobody.</summary>
    public bool IsExpired => Volatile.Read(ref _expired) != 0;

    public void Expire() => Volatile.Write(ref _expired, 1);

    /// <summary>Runs the turn on the thread pool against <paramref name="activation"/>.</summary>
    public void ScheduleOn(ActivationData activation)
    {
        _activation = activation;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute() => _activation!.RunTurns(this);

    /// <summary>Invokes the grain and completes the caller's task; never throws.</summary>
    public abstract Task ExecuteAsync(object grain);

    /// <summary>Completes the caller's task with <paramref name="exception"/> without running.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Adapts a void grain method's task to the Task&lt;bool&gt; every turn completes with.</summary>
    public static Task<bool> Completed(Task task) => task.IsCompletedSuccessfully ? True : AwaitAsync(task);

    private static async Task<bool> AwaitAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
