using System.Diagnostics;

namespace Pbx.Grains.Extensions;

/// <summary>
/// The calls the extension is in, joined and left by the call grains. Kept in the persisted state (written behind like
/// the bindings) so that idle collection during a long call does not forget it.
/// </summary>
public sealed partial class ExtensionGrain
{
    private static readonly DateTimeOffset ProcessStartedAt = new(Process.GetCurrentProcess().StartTime.ToUniversalTime());

    /// <inheritdoc />
    public Task JoinCallAsync(string callId)
    {
        if (State.JoinCall(callId, time.GetUtcNow()))
            MarkDirty();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LeaveCallAsync(string callId)
    {
        if (State.LeaveCall(callId))
            MarkDirty();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetActiveCallsAsync() => Task.FromResult(State.CallIds());
}
