namespace Pbx.Grains.Calls;

/// <summary>Call control settings, section <c>Calls</c>.</summary>
public sealed class CallOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Calls";

    /// <summary>How long the callee's phones ring before the caller gets 480 (1 s to 10 min).</summary>
    public TimeSpan NoAnswerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An answered call is hung up after this long, so a forgotten call cannot run up a bill (1 s to 1 day).</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Music on hold: a WAV prompt (8 kHz mono 16-bit) relative to Media:PromptsDirectory or absolute, looped while held.</summary>
    public string MusicOnHold { get; set; } = "moh.wav";

    /// <summary>Record every answered call from the answer (stereo WAV under Media:RecordingsDirectory), whatever the extensions' recordCalls.</summary>
    public bool RecordAll { get; set; }

    /// <summary>Session interval in seconds the PBX asks and accepts at most on each leg (RFC 4028 Session-Expires; 1 to 86400).</summary>
    public int SessionExpires { get; set; } = 1800;

    /// <summary>
    /// Smallest session interval accepted (RFC 4028 Min-SE); an INVITE asking less gets 422. RFC 4028 section 4 sets 90 as the
    /// floor on the wire; lower values are accepted for tests only. 1 to <see cref="SessionExpires"/>.
    /// </summary>
    public int MinSessionExpires { get; set; } = 90;

    /// <summary>Every invalid setting, naming its key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (NoAnswerTimeout < TimeSpan.FromSeconds(1) || NoAnswerTimeout > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:{nameof(NoAnswerTimeout)} is {NoAnswerTimeout}; it must be between 00:00:01 and 00:10:00.");
        if (MaxDuration < TimeSpan.FromSeconds(1) || MaxDuration > TimeSpan.FromDays(1))
            errors.Add($"{SectionName}:{nameof(MaxDuration)} is {MaxDuration}; it must be between 00:00:01 and 1.00:00:00.");
        if (SessionExpires is < 1 or > 86400)
            errors.Add($"{SectionName}:{nameof(SessionExpires)} is {SessionExpires}; it must be between 1 and 86400 seconds.");
        if (MinSessionExpires < 1 || MinSessionExpires > SessionExpires)
            errors.Add($"{SectionName}:{nameof(MinSessionExpires)} is {MinSessionExpires}; it must be between 1 and {nameof(SessionExpires)} ({SessionExpires}).");
        if (string.IsNullOrWhiteSpace(MusicOnHold))
            errors.Add($"{SectionName}:{nameof(MusicOnHold)} is empty; it must name a WAV prompt.");
        return errors;
    }
}
