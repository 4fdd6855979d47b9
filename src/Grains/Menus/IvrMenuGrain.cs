using System.Data.Common;
using Orleans;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;

namespace Pbx.Grains.Menus;

/// <inheritdoc cref="IIvrMenuGrain"/>
/// <remarks>
/// The prompts a menu plays are files of the prompts library, which an upload replaces under the same name: the
/// definition is read again at most <see cref="Refresh"/> after it was, so the next caller hears a new recording without
/// the prompts API knowing which menus use it. A read that fails (the database away) keeps the definition callers had.
/// </remarks>
public sealed class IvrMenuGrain(IvrMenuRepository menus, PromptRepository prompts, TimeProvider time) : Grain, IIvrMenuGrain
{
    /// <summary>How long a definition, and the prompt files it names, is served before it is read again.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    private MenuDefinition? _menu;
    private DateTimeOffset? _loadedAt;

    /// <inheritdoc />
    public async Task<MenuDefinition?> GetAsync()
    {
        var now = time.GetUtcNow();
        if (_loadedAt is { } loaded && now - loaded < Refresh)
            return _menu;
        try
        {
            _menu = await menus.GetAsync(this.GetPrimaryKeyString(), CancellationToken.None) is { } row ? await DefinitionAsync(row) : null;
            _loadedAt = now;
        }
        catch (DbException) when (_loadedAt is not null)
        {
            // Served as it was, and not asked again for another minute: a caller in a menu does not wait on the database.
            _loadedAt = now;
        }
        return _menu;
    }

    /// <inheritdoc />
    public Task ForgetAsync()
    {
        (_menu, _loadedAt) = (null, null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The row as the menu machine reads it: keys as characters (the API allows only 0-9, * and #), and each prompt as the
    /// media node's file: the library's recording in the menu's language when the library has the name, else the name
    /// itself as a file under the prompts directory.
    /// </summary>
    private async Task<MenuDefinition> DefinitionAsync(IvrMenu row) => new(
        row.Id,
        await FileAsync(row.Greeting, row.Language),
        row.Keys.Where(key => key.Key.Length == 1).ToDictionary(key => key.Key[0], key => Destination(key.Value)),
        row.InvalidPrompt is { } invalid ? await FileAsync(invalid, row.Language) : null,
        row.TimeoutPrompt is { } timeout ? await FileAsync(timeout, row.Language) : null,
        row.TimeoutSeconds,
        row.InterDigitSeconds,
        row.MaxRetries,
        row.DirectDial,
        row.Final is { } final ? Destination(final) : null,
        row.TimeConditionId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.Closed is { } closed ? Destination(closed) : null);

    private async Task<string> FileAsync(string prompt, string? language) => await prompts.FindFileAsync(prompt, language) ?? prompt;

    private static MenuDestination Destination(IvrMenuAction action) => new(action.Kind, action.Target);
}
