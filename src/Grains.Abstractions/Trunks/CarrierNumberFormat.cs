using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>How a carrier wants numbers written in the requests we send it.</summary>
[GenerateSerializer]
public enum CarrierNumberFormat
{
    /// <summary>"+358401234567".</summary>
    E164,

    /// <summary>Country code without "+": "358401234567".</summary>
    International,

    /// <summary>National prefix for own-country numbers ("0401234567"), international prefix for the rest ("0046...").</summary>
    National,
}
