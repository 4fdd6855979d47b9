namespace Pbx.Grains.Trunks;

/// <summary>Timers of outbound trunk registration and of calls through trunks (section <c>Trunks</c>).</summary>
public sealed class TrunkOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Trunks";

    /// <summary>How long before the binding expires the refresh is sent (halved for short bindings).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the first failed REGISTER; doubled per further failure.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between failed REGISTERs.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an outbound call waits for any response (even 100 Trying) from a trunk before trying the next trunk of the
    /// rule; a trunk that answered something rings under <c>Calls:NoAnswerTimeout</c>.
    /// </summary>
    public TimeSpan FailoverTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The problems with these values, each naming its key and the allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RefreshMargin < TimeSpan.FromSeconds(1) || RefreshMargin > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:{nameof(RefreshMargin)} must be between 00:00:01 and 00:10:00.");
        if (MinBackoff < TimeSpan.FromMilliseconds(100) || MinBackoff > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:{nameof(MinBackoff)} must be between 00:00:00.1 and 00:10:00.");
        if (MaxBackoff < MinBackoff || MaxBackoff > TimeSpan.FromHours(1))
            errors.Add($"{SectionName}:{nameof(MaxBackoff)} must be between {nameof(MinBackoff)} and 01:00:00.");
        // Above 32 s (64*T1) the INVITE transaction times out first (RFC 3261 17.1.1.2, timer B).
        if (FailoverTimeout < TimeSpan.FromMilliseconds(500) || FailoverTimeout > TimeSpan.FromSeconds(32))
            errors.Add($"{SectionName}:{nameof(FailoverTimeout)} must be between 00:00:00.5 and 00:00:32.");
        return errors;
    }
}
