namespace Pbx.Grains.Extensions;

/// <summary>Registrar intervals (RFC 3261 section 10.3 step 6), section <c>Sip:Registrar</c>.</summary>
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

    /// <summary>
    /// Longest time a changed binding set stays unwritten (write-behind, 1 to 300 s). A crash loses at most this much of
    /// refreshes, which phones repeat anyway (Kamailio's write-back mode flushes every 60 s); deactivation and a clean
    /// stop always write. Longer means fewer database writes when refreshes come more often than this.
    /// </summary>
    public int WriteBehindSeconds { get; set; } = 1;

    /// <summary>
    /// Longest time a refresh-only change stays unwritten (WriteBehindSeconds to 3600 s): a REGISTER that only pushed the
    /// expiry of bindings reaching the phone the same way, while every stored binding outlives this wait. It stays in memory
    /// meanwhile and a clean stop writes it; a crash loses only expiry extensions the stored copy does not yet need.
    /// </summary>
    public int RefreshWriteSeconds { get; set; } = 60;

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
        if (WriteBehindSeconds is < 1 or > 300)
            errors.Add($"{SectionName}:{nameof(WriteBehindSeconds)} is {WriteBehindSeconds}; it must be between 1 and 300.");
        if (RefreshWriteSeconds < WriteBehindSeconds || RefreshWriteSeconds > 3600)
            errors.Add($"{SectionName}:{nameof(RefreshWriteSeconds)} is {RefreshWriteSeconds}; it must be between {nameof(WriteBehindSeconds)} ({WriteBehindSeconds}) and 3600.");
        return errors;
    }
}
