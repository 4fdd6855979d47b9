using Pbx.Grains.Runtime;

namespace Pbx.Grains.Calls;

/// <summary>
/// Maps a Call-ID to its call. The mapping is kept in memory while the activation lives and persisted only when the
/// activation goes away with the call still up (idle collection of a long call, shutdown), so it survives that; most
/// calls end first and never touch the database (two writes and two deletes per call saved at 1,000 calls/s).
/// </summary>
public sealed class CallLegGrain([PersistentState("call-leg")] IPersistentState<CallLegState> state) : Grain, ICallLegGrain
{
    /// <inheritdoc />
    public Task BindAsync(string callKey)
    {
        state.State.CallKey = callKey;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetCallKeyAsync() => Task.FromResult(state.State.CallKey);

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
