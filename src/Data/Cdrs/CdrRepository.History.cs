using System.Runtime.CompilerServices;
using Dapper;

namespace Pbx.Data.Cdrs;

/// <summary>The call history the API lists, counts and exports.</summary>
public sealed partial class CdrRepository
{
    private const string HistoryColumns =
        "id, call_id as CallId, caller, caller_name as CallerName, callee, direction, started_at as StartedAt, answered_at as AnsweredAt, " +
        "ended_at as EndedAt, duration_seconds as DurationSeconds, billable_seconds as BillableSeconds, disposition, " +
        "hangup_cause as HangupCause, hangup_side as HangupSide, trunk, recording_id as RecordingId";

    private const string HistoryWhere = $"""
        where {ViewScope.CdrCondition}
          and (@from::timestamptz is null or started_at >= @from)
          and (@to::timestamptz is null or started_at < @to)
          and (@number::text is null or caller = @number or callee = @number)
          and (@direction::text is null or direction = @direction)
          and (@disposition::text is null or disposition = @disposition)
        """;

    // The sorts a filter may ask for, as whitelisted ORDER BY clauses; the id breaks ties so that paging is stable.
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        ["startedAt"] = "started_at asc, id asc",
        ["-startedAt"] = "started_at desc, id desc",
        ["duration"] = "duration_seconds asc nulls first, id asc",
        ["-duration"] = "duration_seconds desc nulls last, id desc",
    };

    /// <summary>The sort keys of <see cref="CdrFilter.Sort"/>: a field, descending with a leading '-'.</summary>
    public static IReadOnlyCollection<string> SortKeys => Sorts.Keys;

    /// <summary>One page of the CDRs <paramref name="filter"/> matches.</summary>
    public async Task<IReadOnlyList<CallRecord>> ListAsync(CdrFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var parameters = Parameters(filter);
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<CallRecord>(new CommandDefinition(
            $"select {HistoryColumns} from cdrs {HistoryWhere} order by {OrderBy(filter)} limit @limit offset @offset",
            parameters, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// How many CDRs <paramref name="filter"/> matches, counting no further than <paramref name="upTo"/> when given: a
    /// count over a year of calls is a full scan.
    /// </summary>
    public async Task<long> CountAsync(CdrFilter filter, int? upTo, CancellationToken cancellationToken)
    {
        var parameters = Parameters(filter);
        parameters.Add("upTo", upTo);
        var sql = upTo is null
            ? $"select count(*) from cdrs {HistoryWhere}"
            : $"select count(*) from (select 1 from cdrs {HistoryWhere} limit @upTo) bounded";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The CDR <paramref name="id"/> when it is within <paramref name="scope"/>, or null (also for another's call).</summary>
    public async Task<CallRecord?> GetAsync(long id, ViewScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CallRecord>(new CommandDefinition(
            $"select {HistoryColumns} from cdrs where id = @id and {ViewScope.CdrCondition}",
            new { id, everything = scope.Everything, own = scope.Extension }, cancellationToken: cancellationToken));
    }

    /// <summary>Every CDR <paramref name="filter"/> matches, streamed as PostgreSQL sends them (an export never holds them all).</summary>
    public async IAsyncEnumerable<CallRecord> StreamAsync(CdrFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<CallRecord>($"select {HistoryColumns} from cdrs {HistoryWhere} order by {OrderBy(filter)}", Parameters(filter));
        await foreach (var row in rows.WithCancellation(cancellationToken))
            yield return row;
    }

    private static string OrderBy(CdrFilter filter) =>
        Sorts.TryGetValue(filter.Sort, out var orderBy) ? orderBy : throw new ArgumentException($"'{filter.Sort}' is not a CDR sort.", nameof(filter));

    private static DynamicParameters Parameters(CdrFilter filter)
    {
        var parameters = new DynamicParameters();
        parameters.Add("everything", filter.Scope.Everything);
        parameters.Add("own", filter.Scope.Extension);
        parameters.Add("from", filter.From);
        parameters.Add("to", filter.To);
        parameters.Add("number", filter.Number);
        parameters.Add("direction", filter.Direction);
        parameters.Add("disposition", filter.Disposition);
        return parameters;
    }
}
