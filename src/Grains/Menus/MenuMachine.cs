namespace Pbx.Grains.Menus;

/// <summary>
/// A caller in a menu as a state machine: each event (entering a menu, a key, the time for input running out, a typed
/// number found to be no extension) updates the caller's <see cref="MenuState"/> and returns one command. Keys with an
/// action act at once; any other digit starts direct dial (when the menu allows it), finished by '#' or a pause of the
/// inter-digit time. Timeouts and invalid entries count towards the menu's retry limit, after which the caller goes to
/// the menu's final destination (hang-up when none). No I/O: the call carries the commands out.
/// </summary>
public static class MenuMachine
{
    /// <summary>
    /// The caller enters <paramref name="menu"/>: the greeting plays, or, while the menu's opening hours say closed
    /// (<paramref name="open"/> false), the caller goes on to its closed destination.
    /// </summary>
    public static MenuCommand Enter(MenuState state, MenuDefinition menu, bool open = true)
    {
        state.MenuId = menu.Id;
        state.Digits = "";
        state.Retries = 0;
        state.Path.Add(menu.Id);
        if (!open)
            return menu.Closed is { } closed ? GoTo(state, menu, closed) : new HangUpCaller();
        return Greet(menu, []);
    }

    /// <summary>A key pressed (RFC 4733 or in-band).</summary>
    public static MenuCommand OnKey(MenuState state, MenuDefinition menu, char key)
    {
        state.Keys += key;
        if (state.Digits.Length > 0)
            return key == '#' ? new DialTyped(TakeDigits(state)) : Collect(state, menu, key);
        if (menu.Keys.TryGetValue(key, out var destination))
            return GoTo(state, menu, destination);
        return menu.DirectDial && char.IsAsciiDigit(key) ? Collect(state, menu, key) : Invalid(state, menu);
    }

    /// <summary>The time for input ran out: a typed number is dialled, else the silence counts as a retry.</summary>
    public static MenuCommand OnTimeout(MenuState state, MenuDefinition menu)
    {
        if (state.Digits.Length > 0)
            return new DialTyped(TakeDigits(state));
        return Retry(state, menu, menu.TimeoutPrompt);
    }

    /// <summary>A typed number is no extension the caller can reach: an invalid entry.</summary>
    public static MenuCommand Invalid(MenuState state, MenuDefinition menu) => Retry(state, menu, menu.InvalidPrompt);

    private static MenuCommand GoTo(MenuState state, MenuDefinition menu, MenuDestination destination) => destination.Kind switch
    {
        MenuDestination.Repeat => Greet(menu, []),
        MenuDestination.Back when state.Path.Count > 1 => Back(state),
        MenuDestination.Back => Greet(menu, []),
        MenuDestination.Menu => new EnterMenu(destination.Target!),
        MenuDestination.Extension or MenuDestination.Outside => new ConnectCaller(destination.Kind, destination.Target!),
        _ => new HangUpCaller(),
    };

    private static EnterMenu Back(MenuState state)
    {
        // The current menu and the one before it leave the path; entering the one before adds it again.
        state.Path.RemoveAt(state.Path.Count - 1);
        var previous = state.Path[^1];
        state.Path.RemoveAt(state.Path.Count - 1);
        return new EnterMenu(previous);
    }

    private static MenuCommand Retry(MenuState state, MenuDefinition menu, string? prompt)
    {
        state.Retries++;
        if (state.Retries > menu.MaxRetries)
            return menu.Final is { } final ? GoTo(state, menu, final) : new HangUpCaller();
        return Greet(menu, prompt is null ? [] : [prompt]);
    }

    private static AwaitDigit Collect(MenuState state, MenuDefinition menu, char digit)
    {
        state.Digits += digit;
        return new AwaitDigit(TimeSpan.FromSeconds(menu.InterDigitSeconds));
    }

    private static string TakeDigits(MenuState state)
    {
        var digits = state.Digits;
        state.Digits = "";
        return digits;
    }

    private static PlayPrompts Greet(MenuDefinition menu, IReadOnlyList<string> before) =>
        new([.. before, menu.Greeting], TimeSpan.FromSeconds(menu.TimeoutSeconds));
}
