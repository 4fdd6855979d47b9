namespace Pbx.Grains.Extensions;

/// <summary>
/// Login lockout, section <c>Sip:Auth</c>. The same numbers apply per source address (edge) and per extension (grain):
/// <see cref="MaxFailures"/> failed digest checks within <see cref="Window"/> lock the address or extension out for
/// <see cref="LockoutDuration"/>.
/// </summary>
public sealed class LockoutOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sip:Auth";

    /// <summary>Failures within <see cref="Window"/> that engage the lockout (1 to 1000).</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long failures are counted from the first one (1 s to 1 day).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a lockout lasts (1 s to 1 day).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Source addresses the edge tracks at once (power of two, 256 to 16,777,216). When full, the address with the oldest
    /// failures is forgotten first; locked-out addresses are kept in preference. The grain ignores it.
    /// </summary>
    public int TrackedAddresses { get; set; } = 1 << 16;

    /// <summary>Every invalid setting, each naming its configuration key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFailures is < 1 or > 1000)
            errors.Add($"{SectionName}:{nameof(MaxFailures)} is {MaxFailures}; it must be between 1 and 1000.");
        if (TrackedAddresses is < 256 or > 1 << 24 || (TrackedAddresses & (TrackedAddresses - 1)) != 0)
            errors.Add($"{SectionName}:{nameof(TrackedAddresses)} is {TrackedAddresses}; it must be a power of two between 256 and 16777216.");
        CheckSpan(errors, nameof(Window), Window);
        CheckSpan(errors, nameof(LockoutDuration), LockoutDuration);
        return errors;
    }

    private static void CheckSpan(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(1))
            errors.Add($"{SectionName}:{key} is {value}; it must be between 00:00:01 and 1.00:00:00.");
    }
}
