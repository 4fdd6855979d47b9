using System.Text.RegularExpressions;
using Pbx.ApiHost.Problems;
using Pbx.Data.IvrMenus;
using Pbx.Grains.Menus;

namespace Pbx.ApiHost.Apis.IvrMenus;

/// <summary>
/// What an IVR menu must be before it is stored: every field in range, keys 0-9, * and #, each action of a known kind
/// with the target it needs, and no final destination that would loop the caller (repeat, back).
/// </summary>
internal static partial class IvrMenuRules
{
    /// <summary>The checks that need no database; <paramref name="id"/> is the menu's (from the body on create, the path on update).</summary>
    public static ValidationErrors Check(string? id, IvrMenuRequest request)
    {
        var errors = new ValidationErrors();
        errors.Require(id is not null && IdPattern().IsMatch(id), "id", "must be 1 to 63 of lower-case letters, digits, '-' and '_', starting with a letter or digit.");
        errors.Require(request.Name is { Length: > 0 and <= 100 }, "name", "is required: 1 to 100 characters.");
        errors.Require(request.Number is null || NumberPattern().IsMatch(request.Number), "number", "must be 2 to 15 digits, or null for none.");
        errors.Require(request.Greeting is not null && IsPromptName(request.Greeting), "greeting", "is required: a prompt name (letters, digits, '-', '_', '.', '/', no '..').");
        errors.Require(request.InvalidPrompt is null || IsPromptName(request.InvalidPrompt), "invalidPrompt", "must be a prompt name, or null.");
        errors.Require(request.TimeoutPrompt is null || IsPromptName(request.TimeoutPrompt), "timeoutPrompt", "must be a prompt name, or null.");
        errors.Require(request.TimeoutSeconds is null or (>= 1 and <= 60), "timeoutSeconds", "must be between 1 and 60.");
        errors.Require(request.InterDigitSeconds is null or (>= 1 and <= 10), "interDigitSeconds", "must be between 1 and 10.");
        errors.Require(request.MaxRetries is null or (>= 0 and <= 10), "maxRetries", "must be between 0 and 10.");
        foreach (var (key, action) in request.Keys ?? [])
        {
            errors.Require(key.Length == 1 && "0123456789*#".Contains(key[0], StringComparison.Ordinal), $"keys.{key}", "must be one of 0-9, * and #.");
            CheckAction(errors, $"keys.{key}", action);
        }
        errors.Require(request.Language is null or "en" or "ru" or "uz", "language", "must be en, ru or uz, or null to play any recording.");
        CheckOnward(errors, "final", request.Final);
        CheckOnward(errors, "closed", request.Closed);
        errors.Require(request.Closed is null || request.TimeConditionId is not null, "closed", "needs a timeConditionId: the hours it is for.");
        errors.Require(request.Closed is not { Kind: MenuDestination.Menu } closed || closed.Target != id, "closed",
            "must not be this menu: a caller would be sent back into it while it is closed.");
        return errors;
    }

    /// <summary>The menus the request's actions name, for the caller to check they exist.</summary>
    public static IEnumerable<(string Field, string MenuId)> MenusNamed(IvrMenuRequest request) =>
        (request.Keys ?? []).Select(key => (Field: $"keys.{key.Key}", Action: (IvrMenuAction?)key.Value))
            .Append((Field: "final", Action: request.Final))
            .Append((Field: "closed", Action: request.Closed))
            .Where(named => named.Action is { Kind: MenuDestination.Menu, Target: not null })
            .Select(named => (named.Field, named.Action!.Target!));

    public static IvrMenu ToMenu(string id, IvrMenuRequest request) => new()
    {
        Id = id,
        Name = request.Name!,
        Number = request.Number,
        Greeting = request.Greeting!,
        InvalidPrompt = request.InvalidPrompt,
        TimeoutPrompt = request.TimeoutPrompt,
        TimeoutSeconds = request.TimeoutSeconds ?? 5,
        InterDigitSeconds = request.InterDigitSeconds ?? 3,
        MaxRetries = request.MaxRetries ?? 3,
        DirectDial = request.DirectDial ?? true,
        Keys = request.Keys ?? [],
        Final = request.Final,
        Language = request.Language,
        TimeConditionId = request.TimeConditionId,
        Closed = request.Closed,
    };

    /// <summary>Where a caller goes on for good (after the retries, or while closed): not repeat or back, which would keep it in the menu.</summary>
    private static void CheckOnward(ValidationErrors errors, string field, IvrMenuAction? action)
    {
        if (action is null)
            return;
        errors.Require(action.Kind is not (MenuDestination.Repeat or MenuDestination.Back), field, "must not be repeat or back: the caller would never leave.");
        CheckAction(errors, field, action);
    }

    private static void CheckAction(ValidationErrors errors, string field, IvrMenuAction? action)
    {
        if (action is null || !MenuDestination.Kinds.Contains(action.Kind))
        {
            errors.Add(field, $"kind must be one of {string.Join(", ", MenuDestination.Kinds.Where(kind => kind != MenuDestination.Outside))}.");
            return;
        }
        // Outside numbers need the dial rules and permission class of an extension; a menu has none yet.
        errors.Require(action.Kind != MenuDestination.Outside, field, "outside numbers cannot be reached from a menu yet; route to an extension that forwards.");
        if (MenuDestination.NeedsTarget(action.Kind))
            errors.Require(action.Target is { Length: > 0 } target && (action.Kind == MenuDestination.Menu ? IdPattern().IsMatch(target) : NumberPattern().IsMatch(target)),
                field, $"target is required for {action.Kind}: {(action.Kind == MenuDestination.Menu ? "a menu id" : "an extension number")}.");
        else
            errors.Require(action.Target is null, field, $"target must be empty for {action.Kind}.");
    }

    private static bool IsPromptName(string name) => PromptPattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal) && !name.StartsWith('/');

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{2,15}$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("^[A-Za-z0-9_./-]{1,128}$")]
    private static partial Regex PromptPattern();
}
