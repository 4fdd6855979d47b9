namespace Pbx.Grains.Calls;

/// <summary>Call control settings, section <c>Calls</c>.</summary>
public sealed class CallOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Calls";

    /// <summary>How long the callee's phones ring before the caller gets 480 (1 s to 10 min).</summary>
    public TimeSpan NoAnswerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every invalid setting, naming its key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate() =>
        NoAnswerTimeout < TimeSpan.FromSeconds(1) || NoAnswerTimeout > TimeSpan.FromMinutes(10)
            ? [$"{SectionName}:{nameof(NoAnswerTimeout)} is {NoAnswerTimeout}; it must be between 00:00:01 and 00:10:00."]
            : [];
}
