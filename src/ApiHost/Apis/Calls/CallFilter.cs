using System.Security.Claims;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Data.Cdrs;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// The CDR list's query parameters, shared by the JSON list and the CSV export: <c>from</c>/<c>to</c> (ISO-8601, start
/// time in [from, to)), <c>number</c> (caller or callee), <c>direction</c>, <c>disposition</c>, and
/// <c>sort</c> = startedAt | -startedAt | duration | -duration (leading '-' = descending; default -startedAt); always
/// within the signed-in user's <see cref="UserScope"/>.
/// </summary>
internal static class CallFilter
{
    private static readonly string[] Directions = ["internal", "inbound", "outbound"];
    private static readonly string[] Dispositions = ["answered", "busy", "no-answer", "failed", "cancelled", "interrupted"];

    public static CdrFilter Parse(
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, ClaimsPrincipal user, ValidationErrors errors)
    {
        var fromTime = IsoTime.Parse(from, "from", errors);
        var toTime = IsoTime.Parse(to, "to", errors);
        errors.Require(fromTime is null || toTime is null || fromTime < toTime, "to", "must be after 'from'.");
        errors.Require(direction is null || Directions.Contains(direction), "direction", $"must be one of {string.Join(", ", Directions)}.");
        errors.Require(disposition is null || Dispositions.Contains(disposition), "disposition", $"must be one of {string.Join(", ", Dispositions)}.");
        var sortKey = sort ?? "-startedAt";
        errors.Require(CdrRepository.SortKeys.Contains(sortKey), "sort", $"must be one of {string.Join(", ", CdrRepository.SortKeys)}.");
        return new CdrFilter(fromTime, toTime, string.IsNullOrEmpty(number) ? null : number, direction, disposition, sortKey, UserScope.Of(user));
    }
}
