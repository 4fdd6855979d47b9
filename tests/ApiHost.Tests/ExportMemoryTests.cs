using Dapper;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class ExportMemoryTests(ApiFixture fixture)
{
    [Fact]
    public async Task Exporting_100000_rows_keeps_the_server_heap_far_below_the_csv_size()
    {
        const int rows = 100_000;
        await using (var connection = await fixture.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, duration_seconds, disposition)
                select 'memory-' || i, '3950', '3951', 'internal', timestamptz '2022-01-01' + i * interval '1 minute', i % 600, 'answered'
                from generate_series(1, @rows) i
                """,
                new { rows });
        }
        using var client = await fixture.SignedInAsync(Roles.Viewer);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await client.GetAsync("/api/v1/calls/export.csv?number=3950", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        long received = 0;
        long? liveMidway = null;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            received += read;
            // Halfway through, what is still reachable in this process (the server runs in it) is what the export
            // holds: a buffered export would keep every row (at least the CSV's size) alive here.
            if (liveMidway is null && received > 3 * 1024 * 1024)
                liveMidway = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        }

        received.ShouldBeGreaterThan(6L * 1024 * 1024, "100,000 rows make several megabytes of CSV");
        liveMidway.ShouldNotBeNull();
        // A buffered export holds at least the whole CSV; a third leaves room for what other test classes, running in
        // parallel in this process, happen to hold at that moment (1/8 failed under a loaded machine).
        liveMidway.Value.ShouldBeLessThan(received / 3, $"{liveMidway} bytes held midway for a {received}-byte export");
    }

    [Fact]
    public async Task Exporting_100000_rows_as_xlsx_streams_them_and_holds_far_less_than_the_rows_themselves()
    {
        const int rows = 100_000;
        await using (var connection = await fixture.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, duration_seconds, disposition, caller_name)
                select 'xlsx-memory-' || i, '3952', '3953', 'internal', timestamptz '2022-06-01' + i * interval '1 minute', i % 600, 'answered',
                       'Caller number ' || i
                from generate_series(1, @rows) i
                """,
                new { rows });
        }
        using var client = await fixture.SignedInAsync(Roles.Viewer);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await client.GetAsync("/api/v1/calls/export.xlsx?number=3952", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentLength.ShouldBeNull("streamed, so the length is not known up front");
        await using var body = await response.Content.ReadAsStreamAsync();
        var file = new MemoryStream();
        var buffer = new byte[16 * 1024];
        long? liveMidway = null;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            file.Write(buffer, 0, read);
            // The workbook is compressed (about 25 bytes a row), so a third of it is some 30,000 rows in: a server that
            // gathered the rows first would hold them all (more than 20 MB of records) by the time the first byte left.
            if (liveMidway is null && file.Length > 800 * 1024)
                liveMidway = GC.GetTotalMemory(forceFullCollection: true) - baseline - file.Length;
        }

        file.Position = 0;
        MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Count().ShouldBe(rows);
        liveMidway.ShouldNotBeNull();
        liveMidway.Value.ShouldBeLessThan(12L * 1024 * 1024, $"{liveMidway} bytes held midway through a {file.Length}-byte workbook of {rows} rows");
    }
}
