namespace Pbx.Grains.Menus;

/// <summary>What the call carries out after <see cref="MenuMachine"/> took an event of a caller in a menu.</summary>
public abstract record MenuCommand;

/// <summary>Play <paramref name="Prompts"/> in order (a key stops them: barge-in), then wait <paramref name="Wait"/> for a key.</summary>
public sealed record PlayPrompts(IReadOnlyList<string> Prompts, TimeSpan Wait) : MenuCommand;

/// <summary>Stop any prompt and wait <paramref name="Wait"/> for the next digit of a number being typed.</summary>
public sealed record AwaitDigit(TimeSpan Wait) : MenuCommand;

/// <summary>Enter menu <paramref name="MenuId"/> (its definition is loaded, then <see cref="MenuMachine.Enter"/>).</summary>
public sealed record EnterMenu(string MenuId) : MenuCommand;

/// <summary>Ring <paramref name="Number"/>: an extension typed or chosen, or an outside number through the trunks.</summary>
public sealed record ConnectCaller(string Kind, string Number) : MenuCommand;

/// <summary>The caller typed <paramref name="Number"/>: connect it when it is an extension, else it is an invalid entry.</summary>
public sealed record DialTyped(string Number) : MenuCommand;

/// <summary>The call ends (a hang-up key, or no destination left after the retries).</summary>
public sealed record HangUpCaller : MenuCommand;
