namespace Pbx.Data.Stats;

/// <summary>One extension's calls over a period.</summary>
public sealed record ExtensionStatistics
{
    public required string Number { get; init; }

    public string DisplayName { get; init; } = "";

    /// <summary>Calls the extension placed.</summary>
    public int Outgoing { get; init; }

    /// <summary>Calls to the extension.</summary>
    public int Incoming { get; init; }

    /// <summary>Calls either way that were answered.</summary>
    public int Answered { get; init; }

    /// <summary>Sum of billable (answered) seconds either way.</summary>
    public long TalkSeconds { get; init; }
}
