using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>
/// How numbers are written in the country a trunk serves, so dialled and received numbers can be brought to E.164
/// (ITU-T E.164: "+", country code, national significant number). One plan per trunk; the same plan reads inbound DIDs.
/// </summary>
/// <param name="CountryCode">Country calling code without "+", e.g. "358".</param>
/// <param name="NationalPrefix">Trunk prefix dialled before a national number, e.g. "0"; empty when the country has none.</param>
/// <param name="InternationalPrefix">Prefix dialled before a foreign number, e.g. "00".</param>
/// <param name="NationalNumberLength">Digits of a national significant number dialled without any prefix, e.g. 9; 0 when such numbers are not accepted.</param>
/// <param name="InternalMaxLength">Longest number treated as internal (extensions, feature codes).</param>
/// <param name="CarrierFormat">How the carrier wants numbers in the Request-URI and From.</param>
[GenerateSerializer, Immutable]
public sealed record NumberPlan(
    string CountryCode,
    string NationalPrefix = "0",
    string InternationalPrefix = "00",
    int NationalNumberLength = 0,
    int InternalMaxLength = 6,
    CarrierNumberFormat CarrierFormat = CarrierNumberFormat.E164);
