using Orleans;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;

namespace Pbx.Grains.Menus;

/// <inheritdoc cref="IIvrMenuGrain"/>
public sealed class IvrMenuGrain(IvrMenuRepository menus, PromptRepository prompts) : Grain, IIvrMenuGrain
{
    private MenuDefinition? _menu;
    private bool _loaded;

    /// <inheritdoc />
    public async Task<MenuDefinition?> GetAsync()
    {
        if (!_loaded)
        {
            _menu = await menus.GetAsync(this.GetPrimaryKeyString(), CancellationToken.None) is { } row ? await DefinitionAsync(row) : null;
            _loaded = true;
        }
        return _menu;
    }

    /// <inheritdoc />
    public Task ForgetAsync()
    {
        (_menu, _loaded) = (null, false);
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
