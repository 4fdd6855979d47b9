namespace Pbx.Silo.Runtime;

/// <summary>
/// One queued unit of work for an activation: a grain call, a timer tick or a reminder.
/// </summary>
internal abstract class Turn(string name, TurnKind kind, bool isTimerTick)
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly SendOrPostCallback Run = static state => ((Turn)state!)._activation!.RunTurns((Turn)state);
    private ActivationData? _activation;
    private int _expired;

    /// <summary>Interface and method, for timeouts and logs.</summary>
    public string Name { get; } = name;

    public TurnKind Kind { get; } = kind;

    /// <summary>
    /// A tick of an in-memory timer. Like Orleans, ticks alone do not keep an idle activation alive; and a tick is bound
    /// to its grain instance, so when that activation goes it is dropped rather than handed to the next one.
    /// </summary>
    public bool IsTimerTick { get; } = isTimerTick;

    /// <summary>The caller gave up (timeout): a turn still queued is skipped rather than run for nobody.</summary>
    public bool IsExpired => Volatile.Read(ref _expired) != 0;

    public void Expire() => Volatile.Write(ref _expired, 1);

    /// <summary>Starts the turn on <paramref name="activation"/>'s scheduler.</summary>
    public void ScheduleOn(ActivationData activation)
    {
        _activation = activation;
        activation.Scheduler.Post(Run, this);
    }

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
