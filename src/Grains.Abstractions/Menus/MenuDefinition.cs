using Orleans;

namespace Pbx.Grains.Menus;

/// <summary>
/// Where a key, a direct-dialled number or the end of a menu's retries sends the caller. Kinds: <c>extension</c> and
/// <c>outside</c> (a number rung through the dial plan or the trunks), <c>menu</c> (another menu), <c>repeat</c> (the
/// greeting again), <c>back</c> (the menu before this one), <c>hangup</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MenuDestination([property: Id(0)] string Kind, [property: Id(1)] string? Target = null)
{
    public const string Extension = "extension";
    public const string Outside = "outside";
    public const string Menu = "menu";
    public const string Repeat = "repeat";
    public const string Back = "back";
    public const string Hangup = "hangup";

    /// <summary>Every kind, for validation.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { Extension, Outside, Menu, Repeat, Back, Hangup };

    /// <summary>Kinds that name a target.</summary>
    public static bool NeedsTarget(string kind) => kind is Extension or Outside or Menu;
}

/// <summary>
/// A menu as callers meet it: the greeting, what each key does, direct dial of extension numbers typed during the
/// greeting, the prompts (as the media node's files) and time allowed for input, where the caller goes after too many
/// timeouts or invalid keys, and its opening hours: while its time condition is closed a caller entering it goes to
/// <see cref="Closed"/> (hang-up when null).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MenuDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Greeting,
    [property: Id(2)] IReadOnlyDictionary<char, MenuDestination> Keys,
    [property: Id(3)] string? InvalidPrompt = null,
    [property: Id(4)] string? TimeoutPrompt = null,
    [property: Id(5)] int TimeoutSeconds = 5,
    [property: Id(6)] int InterDigitSeconds = 3,
    [property: Id(7)] int MaxRetries = 3,
    [property: Id(8)] bool DirectDial = true,
    [property: Id(9)] MenuDestination? Final = null,
    [property: Id(10)] string? TimeConditionId = null,
    [property: Id(11)] MenuDestination? Closed = null);
