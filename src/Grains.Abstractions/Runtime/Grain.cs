namespace Pbx.Grains.Runtime;

/// <summary>Base class of grain implementations, shaped like Orleans' <c>Grain</c>.</summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>Set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException($"{GetType().Name} was used outside the grain runtime.");
        internal set => _context = value;
    }

    /// <summary>Factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The key of a string-keyed grain.</summary>
    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    /// <summary>The key of a Guid-keyed grain.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainContext.GrainId.Key, "N");

    /// <summary>Runs once when the activation is created, after persistent state is loaded.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once before the activation is dropped (idle collection, explicit request, shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <summary>An in-memory timer whose ticks are turns of this activation.</summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterTimer(callback, dueTime, period);

    /// <summary>Creates or moves a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterOrUpdateReminder(reminderName, dueTime, period);

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminder(string reminderName) => GrainContext.UnregisterReminder(reminderName);
}

/// <summary>Why an activation is going away.</summary>
public enum DeactivationReason
{
    /// <summary>No call for longer than the configured collection age.</summary>
    Idle,
    /// <summary>The grain asked for it.</summary>
    Requested,
    /// <summary>The silo is stopping.</summary>
    Shutdown,
}
