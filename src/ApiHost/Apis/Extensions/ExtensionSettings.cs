namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>Forwarding and presence features, stored in <c>extensions.settings</c> and read by the call grain's dial plan.</summary>
public sealed record ExtensionSettings
{
    public const int MinNoAnswerSeconds = 5;
    public const int MaxNoAnswerSeconds = 120;

    /// <summary>Every call goes here instead of ringing the extension.</summary>
    public string? ForwardAlways { get; init; }

    /// <summary>Where calls go when the extension answers busy.</summary>
    public string? ForwardBusy { get; init; }

    /// <summary>Where calls go after <see cref="NoAnswerSeconds"/> of ringing.</summary>
    public string? ForwardNoAnswer { get; init; }

    public int NoAnswerSeconds { get; init; } = 20;

    /// <summary>Do not disturb: callers get busy (or the busy forward).</summary>
    public bool Dnd { get; init; }

    /// <summary>Whether a second call may ring while one is in progress.</summary>
    public bool CallWaiting { get; init; } = true;

    /// <summary>Record this extension's answered calls, made or received (stereo WAV, listed under /api/v1/recordings).</summary>
    public bool RecordCalls { get; init; }
}
