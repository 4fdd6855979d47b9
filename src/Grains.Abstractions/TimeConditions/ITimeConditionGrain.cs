using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.TimeConditions;

/// <summary>
/// One time condition (key = its id), its schedule loaded from PostgreSQL once and evaluated in memory for every caller
/// that routes by it. The API tells it when the schedule or the day/night switch changes.
/// </summary>
public interface ITimeConditionGrain : IGrainWithStringKey
{
    /// <summary>Whether the condition is open now; a condition that no longer exists counts as open (routing goes on as without it).</summary>
    [ReadOnly]
    Task<bool> IsOpenAsync();

    /// <summary>The condition was changed or deleted: it is read again for the next caller.</summary>
    Task ForgetAsync();
}
