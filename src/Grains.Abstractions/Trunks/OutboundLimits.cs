using Orleans;

namespace Pbx.Grains.Trunks;

/// <summary>
/// An extension's limits on calls through trunks; 0 means no limit. What a hijacked phone can cost is bounded by these
/// and by its permission class.
/// </summary>
/// <param name="Concurrent">Outbound calls at once.</param>
/// <param name="PerHour">Outbound calls started in any 60 minutes.</param>
/// <param name="MinutesPerDay">Outbound talk time (answer to hang-up) per day, the day starting at the organisation's midnight.</param>
[GenerateSerializer, Immutable]
public sealed record OutboundLimits(int Concurrent, int PerHour, int MinutesPerDay)
{
    /// <summary>What a new extension gets (the column defaults of migration 0089).</summary>
    public static OutboundLimits Default { get; } = new(4, 60, 600);
}
