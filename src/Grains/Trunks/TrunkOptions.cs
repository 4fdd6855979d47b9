namespace Pbx.Grains.Trunks;

/// <summary>Timers of outbound trunk registration (section <c>Trunks</c>).</summary>
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
        return errors;
    }
}
