using Orleans;
using Orleans.Runtime;

namespace Pbx.Grains.Calls;

/// <summary>
/// Maps a carrier leg's or a handed-over leg's Call-ID to its call (<see cref="LegCallIds"/>). A ringing call's mapping is
/// kept in memory only (most call attempts end before an answer and never touch the database); an answered call stores
/// it, so it survives the silo dying, and an activation going away with the call still up (idle collection, shutdown)
/// stores it too.
/// </summary>
public sealed class CallLegGrain([PersistentState("call-leg")] IPersistentState<CallLegState> state) : Grain, ICallLegGrain
{
    /// <inheritdoc />
    public async Task BindAsync(string callKey, bool durable)
    {
        state.State.CallKey = callKey;
        if (durable)
            await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<string?> GetCallKeyAsync()
    {
        // Most lookups are of Call-IDs that are in no directory (a stray request, a call that ended): such an activation
        // goes at once instead of after the collection age.
        if (state.State.CallKey is null)
            DeactivateOnIdle();
        return Task.FromResult(state.State.CallKey);
    }

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        if (state.RecordExists)
            await state.ClearStateAsync();
        state.State = new CallLegState();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.CallKey is not null)
            await state.WriteStateAsync();
    }
}
