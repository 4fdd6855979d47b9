using Orleans;
using Pbx.Data.IvrMenus;

namespace Pbx.Grains.Menus;

/// <inheritdoc cref="IIvrMenuGrain"/>
public sealed class IvrMenuGrain(IvrMenuRepository menus) : Grain, IIvrMenuGrain
{
    private MenuDefinition? _menu;
    private bool _loaded;

    /// <inheritdoc />
    public async Task<MenuDefinition?> GetAsync()
    {
        if (!_loaded)
        {
            _menu = await menus.GetAsync(this.GetPrimaryKeyString(), CancellationToken.None) is { } row ? Definition(row) : null;
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

    /// <summary>The row as the menu machine reads it: keys as characters (the API allows only 0-9, * and #).</summary>
    public static MenuDefinition Definition(IvrMenu row) => new(
        row.Id,
        row.Greeting,
        row.Keys.Where(key => key.Key.Length == 1).ToDictionary(key => key.Key[0], key => Destination(key.Value)),
        row.InvalidPrompt,
        row.TimeoutPrompt,
        row.TimeoutSeconds,
        row.InterDigitSeconds,
        row.MaxRetries,
        row.DirectDial,
        row.Final is { } final ? Destination(final) : null);

    private static MenuDestination Destination(IvrMenuAction action) => new(action.Kind, action.Target);
}
