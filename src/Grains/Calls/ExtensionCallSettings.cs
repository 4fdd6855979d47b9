using System.Text.Json;

namespace Pbx.Grains.Calls;

/// <summary>The call features of <c>extensions.settings</c> (written by the API) that the dial plan applies.</summary>
public sealed record ExtensionCallSettings
{
    /// <summary>Every call goes here instead of ringing the extension.</summary>
    public string? ForwardAlways { get; init; }

    /// <summary>Where calls go when the extension is busy or in do-not-disturb.</summary>
    public string? ForwardBusy { get; init; }

    /// <summary>Where calls go after <see cref="NoAnswerSeconds"/> of ringing.</summary>
    public string? ForwardNoAnswer { get; init; }

    /// <summary>Ringing time before the no-answer forward.</summary>
    public int NoAnswerSeconds { get; init; } = 20;

    /// <summary>Do not disturb: callers get busy, or the busy forward.</summary>
    public bool Dnd { get; init; }

    /// <summary>Record this extension's answered calls, made or received, from the answer.</summary>
    public bool RecordCalls { get; init; }

    /// <summary>Call waiting: a second call rings while the extension is in a call; off, the second caller gets busy (486).</summary>
    public bool CallWaiting { get; init; } = true;

    /// <summary>Reads the settings JSON; unknown keys (voicemail...) are ignored, missing ones take their defaults.</summary>
    public static ExtensionCallSettings Parse(string json) =>
        JsonSerializer.Deserialize<ExtensionCallSettings>(json, JsonSerializerOptions.Web) ?? new ExtensionCallSettings();
}
