namespace Pbx.Grains.Extensions;

/// <summary>Registrar intervals (RFC 3261 section 10.3 step 6) and the realm new extensions get, section <c>Sip:Registrar</c>.</summary>
public sealed class RegistrarOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sip:Registrar";

    /// <summary>Shortest interval accepted; a shorter non-zero request below one hour gets 423 with this as Min-Expires (1 to 3600 s).</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>Longest interval granted; longer requests are shortened to it (MinExpires to 86400 s).</summary>
    public int MaxExpires { get; set; } = 3600;

    /// <summary>Interval used when the REGISTER gives none (MinExpires to MaxExpires).</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>Digest realm for new extensions; HA1 values are computed for it, so changing it needs new passwords (RFC 7616 3.4.2).</summary>
    public string Realm { get; set; } = "pbx";

    /// <summary>Every invalid setting, each naming its configuration key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinExpires is < 1 or > 3600)
            errors.Add($"{SectionName}:{nameof(MinExpires)} is {MinExpires}; it must be between 1 and 3600.");
        if (MaxExpires < MinExpires || MaxExpires > 86400)
            errors.Add($"{SectionName}:{nameof(MaxExpires)} is {MaxExpires}; it must be between {nameof(MinExpires)} ({MinExpires}) and 86400.");
        if (DefaultExpires < MinExpires || DefaultExpires > MaxExpires)
            errors.Add($"{SectionName}:{nameof(DefaultExpires)} is {DefaultExpires}; it must be between {nameof(MinExpires)} ({MinExpires}) and {nameof(MaxExpires)} ({MaxExpires}).");
        // The realm is sent inside a quoted-string (RFC 7616 3.3); quotes and backslashes would need escaping the edge refuses.
        if (string.IsNullOrWhiteSpace(Realm) || Realm.AsSpan().IndexOfAny('"', '\\') >= 0 || Realm.Length > 128)
            errors.Add($"{SectionName}:{nameof(Realm)} is '{Realm}'; it must be 1 to 128 characters without quotes or backslashes.");
        return errors;
    }
}
