using System.Text.Json;
using System.Text.Json.Nodes;
using Pbx.ApiHost.Problems;
using Pbx.Data.Trunks;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>
/// A JSON merge patch (RFC 7396) over a stored trunk: each member of the body replaces that field, null puts it back to its
/// default (or clears it), members not given keep the stored value. A member that is no field of a trunk is refused,
/// so a misspelt field is not silently ignored; the read-only members of a trunk as GET shows it (<c>hasPassword</c>,
/// <c>updatedAt</c>) are passed over, so a client may send back what it read. The password is never read back: absent or
/// null keeps the stored one.
/// </summary>
internal static class TrunkPatch
{
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal) { "hasPassword", "updatedAt" };

    public static TrunkRequest? Apply(Trunk stored, JsonObject changes, JsonSerializerOptions options, ValidationErrors errors)
    {
        var merged = JsonSerializer.SerializeToNode(AsRequest(stored), options)!.AsObject();
        foreach (var (name, value) in changes)
        {
            if (merged.ContainsKey(name))
                merged[name] = value?.DeepClone();
            else if (!ReadOnly.Contains(name))
                errors.Add(name, "is not a field of a trunk.", ProblemCodes.UnknownField);
        }
        if (!errors.IsEmpty)
            return null;
        try
        {
            return merged.Deserialize<TrunkRequest>(options);
        }
        catch (JsonException e)
        {
            var nul = e is Problems.NulCharacters.NulCharacterException;
            errors.Add(e.Path is { Length: > 2 } path ? path[2..] : "body", nul ? Problems.NulCharacters.Message : "has the wrong type for this field.",
                nul ? ProblemCodes.NulCharacter : ProblemCodes.WrongType);
            return null;
        }
    }

    private static TrunkRequest AsRequest(Trunk t) => new(
        t.Id, t.Description, t.Enabled, t.Host, t.Port, t.Transport, t.OutboundProxy, t.Username, Password: null, t.Realm, StoreHa1Only: null,
        t.Register, t.RegisterExpires, t.AllowedNetworks, t.Codecs, t.MaxCalls, t.DefaultCallerId, t.Privacy, t.CountryCode, t.NationalPrefix,
        t.InternationalPrefix, t.NationalLength, t.CarrierFormat);
}
