namespace Pbx.ApiHost.Apis.Stats;

/// <summary>The figures of the console's front page. "Today" is the current UTC day.</summary>
public sealed record Dashboard(
    int TotalExtensions,
    int RegisteredExtensions,
    int ActiveCalls,
    int CallsToday,
    IReadOnlyDictionary<string, int> CallsTodayByDisposition,
    double AverageDurationSecondsToday);
