namespace Pbx.Grains.Extensions;

/// <summary>
/// The digest realm new extensions get: key <c>Sip:Realm</c>, the same key the edge reads. HA1 values are computed for
/// it (RFC 7616 section 3.4.2), so changing it later needs new passwords; existing rows keep their own realm.
/// </summary>
public sealed class SipRealmOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sip";

    /// <summary>The realm, 1 to 128 characters without quotes or backslashes.</summary>
    public string Realm { get; set; } = "pbx";

    /// <summary>Every invalid setting, naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
        // The realm travels inside a quoted-string (RFC 7616 3.3); quotes and backslashes would need escapes the edge refuses.
        => string.IsNullOrWhiteSpace(Realm) || Realm.AsSpan().IndexOfAny('"', '\\') >= 0 || Realm.Length > 128
            ? [$"{SectionName}:{nameof(Realm)} is '{Realm}'; it must be 1 to 128 characters without quotes or backslashes."]
            : [];
}
