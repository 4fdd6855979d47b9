using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Data.Stats;

namespace Pbx.ApiHost.Apis.Stats;

/// <summary><c>/api/v1/stats</c>: the dashboard, call volume over time and per-extension figures.</summary>
public static class StatsApi
{
    /// <summary>Caps the buckets of one volume query, so a typo in a date cannot ask for a million rows.</summary>
    public const int MaxBuckets = 2000;

    public static RouteGroupBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stats").WithTags("Statistics").RequireAuthorization(Policies.Viewer);
        group.MapGet("/dashboard", DashboardAsync);
        group.MapGet("/calls", CallVolumeAsync);
        group.MapGet("/extensions", ExtensionsAsync);
        return group;
    }

    internal static async Task<Ok<Dashboard>> DashboardAsync(StatsRepository stats, ILiveCallStatistics live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = await stats.SummariseDayAsync(clock.GetUtcNow().UtcDateTime.Date, cancellationToken);
        return TypedResults.Ok(new Dashboard(
            await stats.CountExtensionsAsync(cancellationToken),
            await live.CountRegisteredExtensionsAsync(cancellationToken),
            await live.CountActiveCallsAsync(cancellationToken),
            today.ByDisposition.Values.Sum(),
            today.ByDisposition,
            Math.Round(today.AverageDurationSeconds, 1)));
    }

    /// <summary>Calls per <c>interval</c> (hour | day, UTC) from <c>from</c> (required) to <c>to</c> (default now); empty buckets included.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<CallVolume>>, ValidationProblem>> CallVolumeAsync(
        string? from, string? to, string? interval, StatsRepository stats, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (fromTime, toTime) = ParseRange(from, to, clock, errors);
        var unit = interval ?? "day";
        var step = unit switch
        {
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        errors.Require(step > TimeSpan.Zero, "interval", "must be hour or day.");
        errors.Require(step == TimeSpan.Zero || (toTime - fromTime) / step <= MaxBuckets, "to", $"the range spans more than {MaxBuckets} intervals.");
        if (!errors.IsEmpty)
            return errors.ToProblem();

        return TypedResults.Ok(await stats.CallVolumeAsync(fromTime, toTime, unit, step, cancellationToken));
    }

    /// <summary>Per-extension totals for calls started in [<c>from</c>, <c>to</c>).</summary>
    internal static async Task<Results<Ok<IReadOnlyList<ExtensionStatistics>>, ValidationProblem>> ExtensionsAsync(
        string? from, string? to, StatsRepository stats, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (fromTime, toTime) = ParseRange(from, to, clock, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        return TypedResults.Ok(await stats.ExtensionStatisticsAsync(fromTime, toTime, cancellationToken));
    }

    private static (DateTime From, DateTime To) ParseRange(string? from, string? to, TimeProvider clock, ValidationErrors errors)
    {
        errors.Require(!string.IsNullOrEmpty(from), "from", "is required: an ISO-8601 date or date-time.");
        var fromTime = IsoTime.Parse(from, "from", errors) ?? DateTime.MinValue;
        var toTime = IsoTime.Parse(to, "to", errors) ?? clock.GetUtcNow().UtcDateTime;
        errors.Require(fromTime < toTime, "to", "must be after 'from'.");
        return (fromTime, toTime);
    }
}
