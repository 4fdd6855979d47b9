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
    /// <summary>Outbound calls at once a new extension may have (the column default of migration 0089).</summary>
    public const int DefaultConcurrent = 4;

    /// <summary>Outbound calls per hour a new extension may start (the column default of migration 0089).</summary>
    public const int DefaultPerHour = 60;

    /// <summary>Outbound talk minutes per day a new extension may use (the column default of migration 0089).</summary>
    public const int DefaultMinutesPerDay = 600;

    /// <summary>What a new extension gets.</summary>
    public static OutboundLimits Default { get; } = new(DefaultConcurrent, DefaultPerHour, DefaultMinutesPerDay);
}
