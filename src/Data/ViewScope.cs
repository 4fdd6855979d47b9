namespace Pbx.Data;

/// <summary>
/// Whose calls a reader may see: every call (the supervisory roles), or only the calls of one extension, where it is the
/// caller, the callee or an extension the call was forwarded, deflected or transferred to or from (a step of the CDR's
/// history). An <see cref="Own"/> scope without an extension sees none. The repositories turn it into a where-clause.
/// </summary>
public sealed record ViewScope
{
    private ViewScope(bool everything, string? extension)
    {
        Everything = everything;
        Extension = extension;
    }

    /// <summary>Every row.</summary>
    public static ViewScope All { get; } = new(true, null);

    /// <summary>True for <see cref="All"/>.</summary>
    public bool Everything { get; }

    /// <summary>The extension whose calls an own scope sees; null for <see cref="All"/> and for a user without one.</summary>
    public string? Extension { get; }

    /// <summary>The calls of <paramref name="extension"/> only; none when it is null.</summary>
    public static ViewScope Own(string? extension) => new(false, string.IsNullOrEmpty(extension) ? null : extension);

    /// <summary>Whether a party number (an extension's, a call's caller or callee) is within the scope.</summary>
    public bool Covers(string? number) => Everything || (Extension is not null && number == Extension);

    /// <summary>
    /// The condition on a <c>cdrs</c> row, over the parameters <c>@everything</c> (<see cref="Everything"/>) and <c>@own</c>
    /// (<see cref="Extension"/>).
    /// A null <c>@own</c> makes every comparison null, so an own scope without an extension matches nothing. The history
    /// tests use <c>@&gt;</c>, which the <c>cdrs_history</c> GIN index serves, so each arm is an index scan.
    /// </summary>
    internal const string CdrCondition = """
        (@everything or caller = @own::text or callee = @own::text
          or history @> jsonb_build_array(jsonb_build_object('to', @own::text))
          or history @> jsonb_build_array(jsonb_build_object('from', @own::text)))
        """;
}
