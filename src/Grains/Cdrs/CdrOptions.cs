namespace Pbx.Grains.Cdrs;

/// <summary>How CDR writes are made durable and crash leftovers closed, section <c>Cdrs</c>.</summary>
public sealed class CdrOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Cdrs";

    /// <summary>
    /// Directory of this process's local journal (<see cref="CdrJournal"/>), where CDR writes go while PostgreSQL does not
    /// take them; relative to the binary's directory. Each process needs its own, on a local disk that outlives the process.
    /// </summary>
    public string JournalDirectory { get; set; } = "cdr-journal";

    /// <summary>
    /// A batch of CDR writes PostgreSQL has not committed within this long is written to the journal instead, so a database
    /// that hangs costs a call this much once, not the driver's timeouts (10 ms to 30 s).
    /// </summary>
    public TimeSpan SpillAfter { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often each silo looks for open rows of silos that are gone (100 ms to 1 hour); the first pass runs at start-up.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="JournalDirectory"/> as a full path.</summary>
    public string JournalPath => Path.GetFullPath(JournalDirectory, AppContext.BaseDirectory);

    /// <summary>Every invalid setting, naming its key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(JournalDirectory))
            errors.Add($"{SectionName}:{nameof(JournalDirectory)} is empty; it must name a directory.");
        if (SpillAfter < TimeSpan.FromMilliseconds(10) || SpillAfter > TimeSpan.FromSeconds(30))
            errors.Add($"{SectionName}:{nameof(SpillAfter)} is {SpillAfter}; it must be between 00:00:00.01 and 00:00:30.");
        if (RecoveryInterval < TimeSpan.FromMilliseconds(100) || RecoveryInterval > TimeSpan.FromHours(1))
            errors.Add($"{SectionName}:{nameof(RecoveryInterval)} is {RecoveryInterval}; it must be between 00:00:00.1 and 01:00:00.");
        return errors;
    }
}
