namespace Pbx.Grains.Menus;

/// <summary>A caller's way through the menus, persisted with its call: where it is, what it typed, the path for the CDR.</summary>
public sealed class MenuState
{
    /// <summary>The menu the caller is in now.</summary>
    public string MenuId { get; set; } = "";

    /// <summary>Digits of an extension number being typed (direct dial); empty when none.</summary>
    public string Digits { get; set; } = "";

    /// <summary>Timeouts and invalid keys in this menu so far.</summary>
    public int Retries { get; set; }

    /// <summary>The menus entered, in order (the last is the current one).</summary>
    public List<string> Path { get; set; } = [];

    /// <summary>Every key pressed, in order, for the CDR.</summary>
    public string Keys { get; set; } = "";

    /// <summary>The CDR's history step of the way through the menus, ending at <paramref name="to"/> (an extension, or "hangup").</summary>
    public Calls.DialPlanStep Step(string to, DateTimeOffset at) => new("ivr", string.Join('>', Path), to, at, Keys: Keys);
}
