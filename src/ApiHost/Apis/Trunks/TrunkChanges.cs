using Pbx.Data.Trunks;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>A validated <see cref="TrunkRequest"/> as the row to write: defaults applied, the password protected.</summary>
internal static class TrunkChanges
{
    /// <summary>
    /// Every column as <paramref name="r"/> sets it. The HA1 the edge answers challenges with is computed whenever the
    /// password, username and realm are known: from the request's password, or from the stored encrypted one
    /// (<paramref name="storedProtected"/>) when the username or realm changed without a new password.
    /// </summary>
    public static TrunkChange From(string id, TrunkRequest r, string? storedProtected, TrunkPasswordProtector passwords)
    {
        var password = r.Password ?? (storedProtected is null ? null : passwords.Unprotect(storedProtected));
        var keepEncrypted = password is not null && r.StoreHa1Only != true;
        return new TrunkChange
        {
            Id = id,
            Description = r.Description ?? "",
            Enabled = r.Enabled ?? true,
            Host = r.Host!,
            Port = r.Port ?? 5060,
            Transport = r.Transport ?? "udp",
            OutboundProxy = r.OutboundProxy,
            Username = r.Username,
            Realm = r.Realm,
            PasswordGiven = password is not null,
            PasswordProtected = !keepEncrypted ? null : r.Password is null ? storedProtected : passwords.Protect(r.Password),
            Ha1Md5 = password is not null && r.Username is not null && r.Realm is not null ? TrunkPasswordProtector.Ha1Md5(r.Username, r.Realm, password) : null,
            Register = r.Register ?? false,
            RegisterExpires = r.RegisterExpires ?? 3600,
            AllowedNetworks = r.AllowedNetworks ?? [],
            Codecs = r.Codecs ?? ["PCMA", "PCMU"],
            MaxCalls = r.MaxCalls ?? 30,
            DefaultCallerId = r.DefaultCallerId,
            Privacy = r.Privacy ?? false,
            CountryCode = r.CountryCode!,
            NationalPrefix = r.NationalPrefix ?? "0",
            InternationalPrefix = r.InternationalPrefix ?? "00",
            NationalLength = r.NationalLength ?? 0,
            CarrierFormat = r.CarrierFormat ?? "e164",
        };
    }
}
