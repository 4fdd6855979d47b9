namespace Pbx.Grains.Runtime;

/// <summary>A grain's durable state, stored as JSON with an ETag for optimistic concurrency (Orleans' IPersistentState shape).</summary>
public interface IPersistentState<TState> where TState : new()
{
    /// <summary>The in-memory state; read on activation, written by <see cref="WriteStateAsync"/>.</summary>
    TState State { get; set; }

    /// <summary>Version tag of the stored copy this activation last read or wrote; null when nothing is stored.</summary>
    string? Etag { get; }

    /// <summary>True when a stored copy exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads <see cref="State"/> from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>. Throws <see cref="InconsistentStateException"/> when the stored copy changed since it was read.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored copy and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
