using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;

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

    internal static async Task<Ok<Dashboard>> DashboardAsync(NpgsqlDataSource db, ILiveCallStatistics live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("select count(*)::int from extensions", cancellationToken: cancellationToken));
        var byDisposition = (await connection.QueryAsync<(string Disposition, int Count)>(new CommandDefinition(
            """
            select coalesce(disposition, 'in-progress'), count(*)::int from cdrs
            where started_at >= @today and started_at < @today + interval '24 hours'
            group by 1 order by 1
            """,
            new { today },
            cancellationToken: cancellationToken))).ToDictionary(r => r.Disposition, r => r.Count, StringComparer.Ordinal);
        var average = await connection.ExecuteScalarAsync<double>(new CommandDefinition(
            """
            select coalesce(avg(duration_seconds), 0)::float8 from cdrs
            where started_at >= @today and started_at < @today + interval '24 hours' and duration_seconds is not null
            """,
            new { today },
            cancellationToken: cancellationToken));
        return TypedResults.Ok(new Dashboard(
            total,
            await live.CountRegisteredExtensionsAsync(cancellationToken),
            await live.CountActiveCallsAsync(cancellationToken),
            byDisposition.Values.Sum(),
            byDisposition,
            Math.Round(average, 1)));
    }

    /// <summary>Calls per <c>interval</c> (hour | day, UTC) from <c>from</c> (required) to <c>to</c> (default now); empty buckets included.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<CallVolume>>, ValidationProblem>> CallVolumeAsync(
        string? from, string? to, string? interval, NpgsqlDataSource db, TimeProvider clock, CancellationToken cancellationToken)
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

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        // Buckets are truncated in UTC and stepped by a fixed number of hours, so a DST change in the server's
        // time zone cannot make a 23- or 25-hour day.
        var rows = await connection.QueryAsync<CallVolume>(new CommandDefinition(
            """
            select b as Start, count(c.id)::int as Total, (count(c.id) filter (where c.disposition = 'answered'))::int as Answered
            from generate_series(date_trunc(@unit, @from, 'UTC'), @to - interval '1 microsecond', @step) b
            left join cdrs c on c.started_at >= b and c.started_at < b + @step and c.started_at >= @from and c.started_at < @to
            group by b order by b
            """,
            new { unit, from = fromTime, to = toTime, step },
            cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<CallVolume>>(rows.AsList());
    }

    /// <summary>Per-extension totals for calls started in [<c>from</c>, <c>to</c>).</summary>
    internal static async Task<Results<Ok<IReadOnlyList<ExtensionStatistics>>, ValidationProblem>> ExtensionsAsync(
        string? from, string? to, NpgsqlDataSource db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (fromTime, toTime) = ParseRange(from, to, clock, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExtensionStatistics>(new CommandDefinition(
            """
            select e.number, e.display_name as DisplayName,
                   (count(c.id) filter (where c.caller = e.number))::int as Outgoing,
                   (count(c.id) filter (where c.callee = e.number))::int as Incoming,
                   (count(c.id) filter (where c.disposition = 'answered'))::int as Answered,
                   coalesce(sum(c.billable_seconds), 0)::bigint as TalkSeconds
            from extensions e
            left join cdrs c on (c.caller = e.number or c.callee = e.number) and c.started_at >= @from and c.started_at < @to
            group by e.id, e.number, e.display_name
            order by e.number
            """,
            new { from = fromTime, to = toTime },
            cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<ExtensionStatistics>>(rows.AsList());
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
