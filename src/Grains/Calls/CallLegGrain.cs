using Pbx.Grains.Runtime;

namespace Pbx.Grains.Calls;

/// <summary>Persists the Call-ID to call mapping, so it survives idle collection during a long call.</summary>
public sealed class CallLegGrain([PersistentState("call-leg")] IPersistentState<CallLegState> state) : Grain, ICallLegGrain
{
    /// <inheritdoc />
    public async Task BindAsync(string callKey)
    {
        state.State.CallKey = callKey;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<string?> GetCallKeyAsync() => Task.FromResult(state.State.CallKey);

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        state.State = new CallLegState();
        DeactivateOnIdle();
    }
}
