using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>Result of routing a dialled number to trunks; each refusal maps to one SIP status in the call grain.</summary>
[GenerateSerializer]
public enum RouteOutcome
{
    /// <summary>Offer the call to the route's trunks.</summary>
    Routed,

    /// <summary>No rule matches the number for the caller's group: 404.</summary>
    NoRoute,

    /// <summary>The number cannot be normalised: 484 Address Incomplete.</summary>
    InvalidNumber,

    /// <summary>The caller's permission class does not reach this kind of number (toll-fraud guard): 403.</summary>
    NotPermitted,
}
