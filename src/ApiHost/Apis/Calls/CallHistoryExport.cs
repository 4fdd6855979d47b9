using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using Pbx.ApiHost.Problems;
using Pbx.Data.Cdrs;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// The call history as a download, filtered and scoped to the user exactly as the list (<see cref="CallFilter"/>): each row is written while
/// PostgreSQL streams it (<see cref="CdrRepository.StreamAsync"/>), so a year of calls never sits in memory. Validation
/// happens before the first byte, so a bad filter is still a 400 problem.
/// </summary>
internal static class CallHistoryExport
{
    public static readonly Format Csv = new("text/csv; charset=utf-8", "calls.csv", WriteCsvAsync);

    public static readonly Format Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "calls.xlsx", WriteXlsxAsync);

    public static Results<PushStreamHttpResult, ValidationProblem> Export(Format format,
        string? from, string? to, string? number, string? direction, string? disposition, string? sort, CdrRepository cdrs, HttpContext http)
    {
        var errors = new ValidationErrors();
        var filter = CallFilter.Parse(from, to, number, direction, disposition, sort, http.User, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var cancellationToken = http.RequestAborted;
        return TypedResults.Stream(async body =>
        {
            // The first row is asked for before the first byte, so a database that does not answer is still a 500 problem.
            await using var rows = cdrs.StreamAsync(filter, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var more = await rows.MoveNextAsync();
            await format.WriteAsync(Rest(rows, more), body, http, cancellationToken);
        }, format.ContentType, format.FileName);
    }

    private static async IAsyncEnumerable<CallRecord> Rest(IAsyncEnumerator<CallRecord> rows, bool more)
    {
        for (; more; more = await rows.MoveNextAsync())
            yield return rows.Current;
    }

    private static async Task WriteCsvAsync(IAsyncEnumerable<CallRecord> rows, Stream body, HttpContext http, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, leaveOpen: true);
        // A caller's display name is whatever the far end put in From: a cell starting with = + - @ (or a tab or CR) would
        // run as a formula in a spreadsheet, so such cells get a leading apostrophe (OWASP's CSV injection advice).
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTime>().Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTime?>().Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        csv.WriteHeader<CallRecord>();
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>
    /// One sheet, a row per call, times as Excel dates (UTC). Text is written as string cells (<c>t="str"</c>, never a
    /// formula element), so a display name starting with '=' shows as text and runs nothing. MiniExcel writes the rows
    /// asynchronously as they come; the zip container's entry headers and central directory (a few dozen small writes for
    /// the whole file) are written synchronously, which Kestrel allows only when asked.
    /// </summary>
    private static async Task WriteXlsxAsync(IAsyncEnumerable<CallRecord> rows, Stream body, HttpContext http, CancellationToken cancellationToken)
    {
        http.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;
        await MiniExcel.SaveAsAsync(body, rows, sheetName: "Calls", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    /// <summary>A download format: its media type, file name and writer.</summary>
    internal sealed record Format(string ContentType, string FileName, Func<IAsyncEnumerable<CallRecord>, Stream, HttpContext, CancellationToken, Task> WriteAsync);
}
