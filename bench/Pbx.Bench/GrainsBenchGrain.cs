using Pbx.Grains.Runtime;

namespace Pbx.Bench;

/// <summary>The grain the grains suite calls: an echo for call overhead, a state write for PostgreSQL cost.</summary>
internal interface IGrainsBenchGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    Task Save(int value);
}

/// <summary>Implementation of <see cref="IGrainsBenchGrain"/>.</summary>
internal sealed class GrainsBenchGrain([PersistentState("bench")] IPersistentState<GrainsBenchState> state) : Grain, IGrainsBenchGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);

    public Task Save(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }
}

/// <summary>State written by <see cref="GrainsBenchGrain.Save"/>.</summary>
internal sealed class GrainsBenchState
{
    public int Value { get; set; }
}
