namespace Pbx.Grains.Runtime;

/// <summary>What the runtime gives each activation: its identity, and timers, reminders and deactivation.</summary>
public interface IGrainContext
{
    /// <summary>The activation's grain id.</summary>
    GrainId GrainId { get; }

    /// <summary>Factory for references to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Starts an in-memory timer whose callbacks run as turns of this activation; disposed with it.</summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Creates or moves a durable reminder (period <see cref="TimeSpan.Zero"/> fires once).</summary>
    Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Removes a durable reminder; no-op when absent.</summary>
    Task UnregisterReminder(string reminderName);

    /// <summary>Asks the runtime to deactivate this activation after the current turn.</summary>
    void DeactivateOnIdle();
}
