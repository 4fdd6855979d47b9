using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Pbx.Bench;

/// <summary>The grain the grains suite calls: an echo for call overhead, a state write for PostgreSQL cost.</summary>
internal interface IGrainsBenchGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    Task Save(int value);

    /// <summary>The silo this activation runs on, so the suite can check where its grains were placed.</summary>
    Task<string> Silo();
}

/// <summary>
/// Implementation of <see cref="IGrainsBenchGrain"/>. Placed on the silo of its first caller: the suite runs two silos and
/// decides which calls stay in the silo and which cross to the other.
/// </summary>
[PreferLocalPlacement]
internal sealed class GrainsBenchGrain([PersistentState("bench")] IPersistentState<GrainsBenchState> state, ILocalSiloDetails silo)
    : Grain, IGrainsBenchGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);

    public Task Save(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToParsableString());
}

/// <summary>State written by <see cref="GrainsBenchGrain.Save"/>.</summary>
internal sealed class GrainsBenchState
{
    public int Value { get; set; }
}
