namespace Pbx.EdgeSip.Trunks;

/// <summary>How the edge follows the trunk table, section <c>Trunks:Registration</c>.</summary>
public sealed class TrunkRegistrationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Trunks:Registration";

    /// <summary>How often the trunk table is read for added, changed or removed trunks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every invalid setting, naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
        => PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(10)
            ? [$"{SectionName}:{nameof(PollInterval)} is '{PollInterval}'; it must be more than zero and at most 00:10:00."]
            : [];
}
