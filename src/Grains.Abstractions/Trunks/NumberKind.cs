using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>What a dialled or received number is, once normalised.</summary>
[GenerateSerializer]
public enum NumberKind
{
    /// <summary>Not a number this plan understands (letters, too long, too short for any kind).</summary>
    Invalid,

    /// <summary>A short number inside the PBX (an extension, a feature code).</summary>
    Internal,

    /// <summary>A number in the plan's own country, now in E.164 with its country code.</summary>
    National,

    /// <summary>A number in another country, in E.164.</summary>
    International,
}
