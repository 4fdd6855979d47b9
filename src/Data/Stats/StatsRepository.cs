using Dapper;
using Npgsql;

namespace Pbx.Data.Stats;

/// <summary>The figures of the dashboard and the statistics pages, aggregated from <c>cdrs</c> and <c>extensions</c>.</summary>
public sealed class StatsRepository(NpgsqlDataSource dataSource)
{
    /// <summary>How many extensions there are.</summary>
    public async Task<int> CountExtensionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("select count(*)::int from extensions", cancellationToken: cancellationToken));
    }

    /// <summary>The calls started on the UTC day beginning at <paramref name="day"/>.</summary>
    public async Task<CallDaySummary> SummariseDayAsync(DateTime day, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var byDisposition = (await connection.QueryAsync<(string Disposition, int Count)>(new CommandDefinition(
            """
            select coalesce(disposition, 'in-progress'), count(*)::int from cdrs
            where started_at >= @day and started_at < @day + interval '24 hours'
            group by 1 order by 1
            """,
            new { day },
            cancellationToken: cancellationToken))).ToDictionary(r => r.Disposition, r => r.Count, StringComparer.Ordinal);
        var average = await connection.ExecuteScalarAsync<double>(new CommandDefinition(
            """
            select coalesce(avg(duration_seconds), 0)::float8 from cdrs
            where started_at >= @day and started_at < @day + interval '24 hours' and duration_seconds is not null
            """,
            new { day },
            cancellationToken: cancellationToken));
        return new CallDaySummary(byDisposition, average);
    }

    /// <summary>Calls per <paramref name="unit"/> (hour or day, UTC, <paramref name="step"/> long) in [<paramref name="from"/>, <paramref name="to"/>); empty buckets included.</summary>
    public async Task<IReadOnlyList<CallVolume>> CallVolumeAsync(DateTime from, DateTime to, string unit, TimeSpan step, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Buckets are truncated in UTC and stepped by a fixed number of hours, so a DST change in the server's
        // time zone cannot make a 23- or 25-hour day.
        return (await connection.QueryAsync<CallVolume>(new CommandDefinition(
            """
            select b as Start, count(c.id)::int as Total, (count(c.id) filter (where c.disposition = 'answered'))::int as Answered
            from generate_series(date_trunc(@unit, @from, 'UTC'), @to - interval '1 microsecond', @step) b
            left join cdrs c on c.started_at >= b and c.started_at < b + @step and c.started_at >= @from and c.started_at < @to
            group by b order by b
            """,
            new { unit, from, to, step },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Per-extension totals for calls started in [<paramref name="from"/>, <paramref name="to"/>), in number order.</summary>
    public async Task<IReadOnlyList<ExtensionStatistics>> ExtensionStatisticsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ExtensionStatistics>(new CommandDefinition(
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
            new { from, to },
            cancellationToken: cancellationToken))).AsList();
    }
}
