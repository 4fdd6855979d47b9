namespace Pbx.Grains.Trunks;

/// <summary>Which of an extension's outbound limits a new call through a trunk would break; <see cref="None"/> lets it go.</summary>
public enum OutboundLimitHit
{
    /// <summary>Within every limit: the call may go out.</summary>
    None,

    /// <summary>As many outbound calls are up as the extension may have at once.</summary>
    Concurrent,

    /// <summary>As many outbound calls started in the last 60 minutes as it may start in an hour.</summary>
    PerHour,

    /// <summary>Its outbound talk minutes for the day are used up.</summary>
    MinutesPerDay,
}
