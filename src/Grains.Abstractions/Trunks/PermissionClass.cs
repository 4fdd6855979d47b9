using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>
/// What an extension may dial outside the PBX, widest last. The toll-fraud guard: an extension of a narrower class is
/// refused numbers of a wider kind, and the refusal is logged.
/// </summary>
[GenerateSerializer]
public enum PermissionClass
{
    /// <summary>Other extensions only; nothing through a trunk.</summary>
    Internal,

    /// <summary>Numbers in the PBX's own country.</summary>
    National,

    /// <summary>Any number, including other countries.</summary>
    International,
}
