using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.Cdrs;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary><c>/api/v1/calls</c>: call history from the CDR table, as JSON pages or a CSV download.</summary>
public static class CallsApi
{
    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calls").WithTags("Calls").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/export.csv", Export);
        return group;
    }

    /// <summary>
    /// Counting every matching row of a year of calls costs more than the page itself (a count over 1M rows is a full
    /// scan), so the total is counted up to <see cref="CountLimit"/> unless <c>exactTotal=true</c>; a short page gives it for free.
    /// </summary>
    internal const int CountLimit = 10_000;

    internal static async Task<Results<Ok<PagedResult<CallRecord>>, ValidationProblem>> ListAsync(
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, int? page, int? pageSize, bool? exactTotal,
        CdrRepository cdrs, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = CallFilter.Parse(from, to, number, direction, disposition, sort, errors);
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

    internal static async Task<Results<Ok<CallRecord>, ProblemHttpResult>> GetAsync(long id, CdrRepository cdrs, CancellationToken cancellationToken)
    {
        var call = await cdrs.GetAsync(id, cancellationToken);
        return call is null ? ApiProblems.NotFound("call", id) : TypedResults.Ok(call);
    }

    /// <summary>
    /// The filtered list as CSV, written row by row while PostgreSQL streams it, so a year of calls never sits in memory.
    /// Validation happens before the first byte, so a bad filter is still a 400 problem.
    /// </summary>
    internal static Results<PushStreamHttpResult, ValidationProblem> Export(
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, CdrRepository cdrs, HttpContext http)
    {
        var errors = new ValidationErrors();
        var filter = CallFilter.Parse(from, to, number, direction, disposition, sort, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var cancellationToken = http.RequestAborted;
        return TypedResults.Stream(async body =>
        {
            // The first row is asked for before the first byte, so a database that does not answer is still a 500 problem.
            await using var rows = cdrs.StreamAsync(filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var more = await rows.MoveNextAsync();
            await using var writer = new StreamWriter(body, leaveOpen: true);
            // A caller's display name is whatever the far end put in From: a cell starting with = + - @ (or a tab or CR) would
            // run as a formula in a spreadsheet, so such cells get a leading apostrophe (OWASP's CSV injection advice).
            await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
            csv.Context.TypeConverterOptionsCache.GetOptions<DateTime>().Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
            csv.Context.TypeConverterOptionsCache.GetOptions<DateTime?>().Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
            csv.WriteHeader<CallRecord>();
            await csv.NextRecordAsync();
            for (; more; more = await rows.MoveNextAsync())
            {
                csv.WriteRecord(rows.Current);
                await csv.NextRecordAsync();
            }
        }, "text/csv; charset=utf-8", "calls.csv");
    }
}
