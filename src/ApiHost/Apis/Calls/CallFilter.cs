using Dapper;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// The CDR list's query parameters, shared by the JSON list and the CSV export: <c>from</c>/<c>to</c> (ISO-8601, start
/// time in [from, to)), <c>number</c> (caller or callee), <c>direction</c>, <c>disposition</c>, and
/// <c>sort</c> = startedAt | -startedAt | duration | -duration (leading '-' = descending; default -startedAt).
/// </summary>
internal sealed record CallFilter(DateTime? From, DateTime? To, string? Number, string? Direction, string? Disposition, string OrderBy)
{
    internal const string Columns =
        "id, call_id as CallId, caller, caller_name as CallerName, callee, direction, started_at as StartedAt, answered_at as AnsweredAt, " +
        "ended_at as EndedAt, duration_seconds as DurationSeconds, billable_seconds as BillableSeconds, disposition, " +
        "hangup_cause as HangupCause, hangup_side as HangupSide, trunk, recording_id as RecordingId";

    private static readonly string[] Directions = ["internal", "inbound", "outbound"];
    private static readonly string[] Dispositions = ["answered", "busy", "no-answer", "failed", "cancelled", "interrupted"];

    // Whitelisted ORDER BY clauses; the id breaks ties so that paging is stable.
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        ["startedAt"] = "started_at asc, id asc",
        ["-startedAt"] = "started_at desc, id desc",
        ["duration"] = "duration_seconds asc nulls first, id asc",
        ["-duration"] = "duration_seconds desc nulls last, id desc",
    };

    public const string Where = """
        where (@from::timestamptz is null or started_at >= @from)
          and (@to::timestamptz is null or started_at < @to)
          and (@number::text is null or caller = @number or callee = @number)
          and (@direction::text is null or direction = @direction)
          and (@disposition::text is null or disposition = @disposition)
        """;

    public static CallFilter Parse(string? from, string? to, string? number, string? direction, string? disposition, string? sort, ValidationErrors errors)
    {
        var fromTime = IsoTime.Parse(from, "from", errors);
        var toTime = IsoTime.Parse(to, "to", errors);
        errors.Require(fromTime is null || toTime is null || fromTime < toTime, "to", "must be after 'from'.");
        errors.Require(direction is null || Directions.Contains(direction), "direction", $"must be one of {string.Join(", ", Directions)}.");
        errors.Require(disposition is null || Dispositions.Contains(disposition), "disposition", $"must be one of {string.Join(", ", Dispositions)}.");
        var orderBy = Sorts.GetValueOrDefault(sort ?? "-startedAt");
        errors.Require(orderBy is not null, "sort", $"must be one of {string.Join(", ", Sorts.Keys)}.");
        return new CallFilter(fromTime, toTime, string.IsNullOrEmpty(number) ? null : number, direction, disposition, orderBy ?? "");
    }

    public DynamicParameters Parameters()
    {
        var parameters = new DynamicParameters();
        parameters.Add("from", From);
        parameters.Add("to", To);
        parameters.Add("number", Number);
        parameters.Add("direction", Direction);
        parameters.Add("disposition", Disposition);
        return parameters;
    }
}
