namespace Pbx.Data.DialRules;

/// <summary>One outbound dial rule as stored, with its id (the API lists and edits these).</summary>
/// <remarks>Properties rather than a positional record: Dapper matches a constructor by exact column types, and a text[] column reads as Array.</remarks>
public sealed record ConfiguredDialRule
{
    /// <summary>The rule's id.</summary>
    public long Id { get; init; }

    /// <summary>Extension group it serves; "*" for all.</summary>
    public string Group { get; init; } = "*";

    /// <summary>Leading digits a dialled number must have; the longest match wins.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Leading digits removed.</summary>
    public int Strip { get; init; }

    /// <summary>Digits put in front after stripping.</summary>
    public string Prepend { get; init; } = "";

    /// <summary>Trunk ids tried in order (the next on 5xx, timeout or a full trunk).</summary>
    public string[] Trunks { get; init; } = [];
}
