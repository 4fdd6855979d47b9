using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.Cdrs;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// <c>/api/v1/calls</c>: call history from the CDR table, as JSON pages or a CSV or XLSX download; a phone user (<see cref="Roles.User"/>) sees its own
/// extension's calls only (<see cref="UserScope"/>), and another's call is a 404, as an unknown id.
/// </summary>
public static class CallsApi
{
    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calls").WithTags("Calls").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/export.csv", ExportCsv);
        group.MapGet("/export.xlsx", ExportXlsx);
        return group;
    }

    /// <summary>
    /// Counting every matching row of a year of calls costs more than the page itself (a count over 1M rows is a full
    /// scan), so the total is counted up to <see cref="CountLimit"/> unless <c>exactTotal=true</c>; a short page gives it for free.
    /// </summary>
    internal const int CountLimit = 10_000;

    internal static async Task<Results<Ok<PagedResult<CallRecord>>, ValidationProblem>> ListAsync(
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, int? page, int? pageSize, bool? exactTotal,
        ClaimsPrincipal user, CdrRepository cdrs, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = CallFilter.Parse(from, to, number, direction, disposition, sort, user, errors);
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var items = await cdrs.ListAsync(filter, paging.Offset, paging.PageSize, cancellationToken);
        // A page that is not full, and not past the end, is the last one: the total is known without counting.
        if (items.Count < paging.PageSize && (items.Count > 0 || paging.Offset == 0))
            return TypedResults.Ok(new PagedResult<CallRecord>(items, paging.Page, paging.PageSize, paging.Offset + items.Count));

        if (exactTotal == true)
        {
            var exact = await cdrs.CountAsync(filter, upTo: null, cancellationToken);
            return TypedResults.Ok(new PagedResult<CallRecord>(items, paging.Page, paging.PageSize, exact));
        }
        var counted = await cdrs.CountAsync(filter, upTo: CountLimit + 1, cancellationToken);
        var isExact = counted <= CountLimit;
        var total = Math.Max(isExact ? counted : CountLimit, paging.Offset + items.Count);
        return TypedResults.Ok(new PagedResult<CallRecord>(items, paging.Page, paging.PageSize, total, isExact));
    }

    internal static async Task<Results<Ok<CallRecord>, ProblemHttpResult>> GetAsync(long id, ClaimsPrincipal user, CdrRepository cdrs, CancellationToken cancellationToken)
    {
        var call = await cdrs.GetAsync(id, UserScope.Of(user), cancellationToken);
        return call is null ? ApiProblems.NotFound("call", id) : TypedResults.Ok(call);
    }

    /// <summary>The filtered list as CSV (<see cref="CallHistoryExport"/>).</summary>
    internal static Results<PushStreamHttpResult, ValidationProblem> ExportCsv(
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, CdrRepository cdrs, HttpContext http) =>
        CallHistoryExport.Export(CallHistoryExport.Csv, from, to, number, direction, disposition, sort, cdrs, http);

    /// <summary>The filtered list as an Excel workbook (<see cref="CallHistoryExport"/>).</summary>
    internal static Results<PushStreamHttpResult, ValidationProblem> ExportXlsx(
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, CdrRepository cdrs, HttpContext http) =>
        CallHistoryExport.Export(CallHistoryExport.Xlsx, from, to, number, direction, disposition, sort, cdrs, http);
}
