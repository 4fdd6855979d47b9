using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>Where a trunk's outbound registration (RFC 3261 section 10.2) stands.</summary>
[GenerateSerializer]
public enum TrunkRegistrationPhase
{
    /// <summary>The trunk does not register (IP-authenticated, or registration off).</summary>
    Disabled,

    /// <summary>A REGISTER is on its way and no answer has come yet.</summary>
    Registering,

    /// <summary>The carrier accepted the binding; it is refreshed before it expires.</summary>
    Registered,

    /// <summary>The last attempt failed; another follows after a back-off.</summary>
    Failed,
}
