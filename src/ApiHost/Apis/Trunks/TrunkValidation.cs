using System.Net;
using System.Text.RegularExpressions;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>What a trunk must be to be saved, and to register: a trunk that could not register is refused naming the field.</summary>
internal static partial class TrunkValidation
{
    /// <summary>
    /// Why the realm is needed: the edge never holds the password. It answers a carrier's digest challenge (REGISTER and
    /// INVITE) from HA1 = MD5(username:realm:password), computed when the trunk is saved, and only for a challenge whose
    /// realm is that one (<c>DigestResponder</c>); so the realm cannot be learned from the first challenge.
    /// </summary>
    public const string RealmReason =
        "is required for a trunk with a password or that registers: the carrier's digest realm (as in its WWW-Authenticate), "
        + "for which the edge's answer is computed when the trunk is saved.";

    public static void Validate(TrunkRequest r, string? id, bool isNew, bool passwordStored, ValidationErrors errors)
    {
        if (isNew)
            errors.Require(id is not null && IdPattern().IsMatch(id), "id", "is required: 1 to 32 of a-z, 0-9, '_' and '-'.");
        errors.Require(!string.IsNullOrWhiteSpace(r.Host) && r.Host.Length <= 253, "host", "is required: the carrier's host name or address.");
        errors.Require(r.Port is null or (>= 1 and <= 65535), "port", "must be between 1 and 65535.");
        errors.Require(r.Transport is null or "udp" or "tcp", "transport", "must be udp or tcp.");
        errors.Require(r.CountryCode is not null && CountryCodePattern().IsMatch(r.CountryCode), "countryCode", "is required: 1 to 3 digits, no '+'.");
        errors.Require(r.CarrierFormat is null or "e164" or "international" or "national", "carrierFormat", "must be e164, international or national.");
        errors.Require(r.RegisterExpires is null or (>= 60 and <= 86400), "registerExpires", "must be between 60 and 86400 seconds.");
        errors.Require(r.MaxCalls is null or (>= 1 and <= 10000), "maxCalls", "must be between 1 and 10000.");
        errors.Require(r.NationalLength is null or (>= 0 and <= 14), "nationalLength", "must be between 0 and 14.");
        errors.Require(r.Username is null || r.Username.Trim().Length > 0, "username", "must not be blank.");
        errors.Require(r.Realm is null || r.Realm.Trim().Length > 0, "realm", "must not be blank.");
        var hasPassword = r.Password is not null || passwordStored;
        var registers = r.Register == true;
        errors.Require(!registers || r.Username is not null, "username", "is required for a trunk that registers.", ProblemCodes.TrunkUsernameRequired);
        errors.Require(!registers || hasPassword, "password", "is required for a trunk that registers.", ProblemCodes.TrunkPasswordRequired);
        errors.Require(r.Realm is not null || !(registers || hasPassword || r.StoreHa1Only == true), "realm", RealmReason, ProblemCodes.TrunkRealmRequired);
        errors.Require(r.StoreHa1Only != true || r.Username is not null, "username", "is required to store only the HA1.", ProblemCodes.TrunkUsernameRequired);
        foreach (var network in r.AllowedNetworks ?? [])
            errors.Require(IPNetwork.TryParse(network, out _), "allowedNetworks", $"'{network}' is not a network in CIDR form (192.0.2.0/24).");
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[1-9][0-9]{0,2}$")]
    private static partial Regex CountryCodePattern();
}
