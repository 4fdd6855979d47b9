using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.Calls;

/// <summary>
/// Maps one leg's Call-ID (key) to the call it belongs to, for the legs whose Call-ID does not lead there by itself
/// (<see cref="LegCallIds"/>): carrier legs and legs handed from one call to another by attended transfer.
/// </summary>
public interface ICallLegGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records that this Call-ID is a leg of <paramref name="callKey"/>; <paramref name="durable"/> also stores it, as an
    /// answered call's legs must outlive the silo that holds them (a BYE after a failover finds its call).
    /// </summary>
    Task BindAsync(string callKey, bool durable);

    /// <summary>The call key, or null when this Call-ID belongs to no call (the edge answers 481).</summary>
    [ReadOnly]
    Task<string?> GetCallKeyAsync();

    /// <summary>Forgets the mapping once the call ended.</summary>
    Task ClearAsync();
}
