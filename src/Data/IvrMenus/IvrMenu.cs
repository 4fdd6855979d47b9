namespace Pbx.Data.IvrMenus;

/// <summary>Where a menu key (or the end of the retries) sends the caller: a kind and, for some kinds, a target.</summary>
public sealed record IvrMenuAction(string Kind, string? Target = null);

/// <summary>An IVR menu row (table <c>ivr_menus</c>).</summary>
public sealed record IvrMenu
{
    /// <summary>Lower-case letters, digits, '-' and '_'; chosen by the administrator (DIDs route to it).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>An internal number that reaches the menu (phones dial it like an extension); null for none.</summary>
    public string? Number { get; init; }

    /// <summary>The prompt played on entry, by name under the prompts directory.</summary>
    public required string Greeting { get; init; }

    public string? InvalidPrompt { get; init; }

    public string? TimeoutPrompt { get; init; }

    public int TimeoutSeconds { get; init; } = 5;

    public int InterDigitSeconds { get; init; } = 3;

    public int MaxRetries { get; init; } = 3;

    public bool DirectDial { get; init; } = true;

    /// <summary>What each key (0-9, *, #) does.</summary>
    public IReadOnlyDictionary<string, IvrMenuAction> Keys { get; init; } = new Dictionary<string, IvrMenuAction>();

    /// <summary>Where the caller goes after too many timeouts or invalid keys; null hangs up.</summary>
    public IvrMenuAction? Final { get; init; }

    /// <summary>Which recording of a prompt the menu plays (<c>en</c>, <c>ru</c>, <c>uz</c>); null plays any.</summary>
    public string? Language { get; init; }

    /// <summary>The menu's opening hours (a time condition); null: always open.</summary>
    public long? TimeConditionId { get; init; }

    /// <summary>Where a caller entering the menu goes while its time condition is closed; null hangs up.</summary>
    public IvrMenuAction? Closed { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
