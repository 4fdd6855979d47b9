namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>
/// Body of POST and PUT <c>/api/v1/trunks</c>. On PUT a null <see cref="Password"/> keeps the stored one.
/// With <see cref="StoreHa1Only"/> and a <see cref="Realm"/>, only MD5(username:realm:password) is stored.
/// </summary>
public sealed record TrunkRequest(
    string? Id,
    string? Description,
    bool? Enabled,
    string? Host,
    int? Port,
    string? Transport,
    string? OutboundProxy,
    string? Username,
    string? Password,
    string? Realm,
    bool? StoreHa1Only,
    bool? Register,
    int? RegisterExpires,
    string[]? AllowedNetworks,
    string[]? Codecs,
    int? MaxCalls,
    string? DefaultCallerId,
    bool? Privacy,
    string? CountryCode,
    string? NationalPrefix,
    string? InternationalPrefix,
    int? NationalLength,
    string? CarrierFormat);
