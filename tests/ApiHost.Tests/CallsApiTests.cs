using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.Data.Cdrs;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class CallsApiTests(ApiFixture fixture) : IAsyncLifetime
{
    // Numbers no other test uses, so the filters see only these rows.
    private const string Alice = "3101";
    private const string Bob = "3102";
    private static readonly DateTime Day = new(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        await using var connection = await fixture.Db.OpenConnectionAsync();
        if (await connection.ExecuteScalarAsync<bool>("select exists (select 1 from cdrs where caller = @Alice)", new { Alice }))
            return;
        // (call id, caller, callee, direction, start offset in hours, duration, disposition)
        var rows = new (string, string, string, string, int, int?, string?)[]
        {
            ("c1", Alice, Bob, "internal", 9, 60, "answered"),
            ("c2", Bob, Alice, "internal", 10, 5, "no-answer"),
            ("c3", Alice, "+4930999", "outbound", 11, 300, "answered"),
            ("c4", "+4930888", Bob, "inbound", 12, 0, "busy"),
            ("c5", Bob, "3199", "internal", 30, 20, "answered"),
        };
        foreach (var (callId, caller, callee, direction, hour, duration, disposition) in rows)
        {
            var started = Day.AddHours(hour);
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, ended_at, duration_seconds, billable_seconds, disposition)
                values (@callId, @caller, @callee, @direction, @started, @ended, @duration, @billable, @disposition)
                """,
                new
                {
                    callId = "calls-test-" + callId, caller, callee, direction, started, ended = started.AddSeconds(duration ?? 0), duration,
                    billable = disposition == "answered" ? duration : 0, disposition,
                });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Filters_by_number_on_either_side_and_date_range_newest_first()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var page = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Alice}&from=2024-03-10&to=2024-03-11"))!;

        page.Total.ShouldBe(3);
        page.Items.Select(c => c.CallId).ShouldBe(["calls-test-c3", "calls-test-c2", "calls-test-c1"]);
        page.Items[0].StartedAt.ShouldBe(Day.AddHours(11));
        page.Items[0].StartedAt.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Filters_by_direction_and_disposition()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var answered = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Bob}&disposition=answered"))!;
        var inbound = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Bob}&direction=inbound"))!;

        answered.Items.Select(c => c.CallId).ShouldBe(["calls-test-c5", "calls-test-c1"]);
        inbound.Items.Single().CallId.ShouldBe("calls-test-c4");
    }

    [Fact]
    public async Task Sorts_by_duration_and_pages_with_total()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var longest = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Alice}&sort=-duration&pageSize=2"))!;
        var secondPage = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Alice}&sort=duration&pageSize=2&page=2"))!;

        longest.Total.ShouldBe(3);
        longest.Items.Select(c => c.DurationSeconds).ShouldBe([300, 60]);
        secondPage.Items.Single().DurationSeconds.ShouldBe(300);
    }

    [Fact]
    public async Task Bad_filters_are_400_naming_each_parameter()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var errors = await Problem.ReadValidationAsync(await client.GetAsync("/api/v1/calls?from=yesterday&direction=sideways&disposition=maybe&sort=caller"));

        errors.Keys.ShouldBe(["from", "direction", "disposition", "sort"], ignoreOrder: true);
    }

    [Fact]
    public async Task Get_by_id_and_unknown_id_is_404()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);
        var first = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Alice}&pageSize=1"))!.Items.Single();

        (await client.GetFromJsonAsync<CallRecord>($"/api/v1/calls/{first.Id}")).ShouldBe(first);
        await Problem.ReadAsync(await client.GetAsync("/api/v1/calls/987654321"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Csv_export_streams_the_filtered_sorted_list()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        using var response = await client.GetAsync($"/api/v1/calls/export.csv?number={Alice}&sort=startedAt", HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("calls.csv");
        // Streamed, so the length is not known up front.
        response.Content.Headers.ContentLength.ShouldBeNull();
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Id,CallId,Caller,CallerName,Callee,Direction,StartedAt");
        lines.Skip(1).Select(l => l.Split(',')[1]).ShouldBe(["calls-test-c1", "calls-test-c2", "calls-test-c3"]);
        lines[1].ShouldContain("2024-03-10T09:00:00Z");
        await Problem.ReadValidationAsync(await client.GetAsync("/api/v1/calls/export.csv?sort=nonsense"));
    }

    [Fact]
    public async Task Xlsx_export_holds_the_same_filtered_sorted_rows_with_text_that_never_runs_as_a_formula()
    {
        await using (var connection = await fixture.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, caller_name, callee, direction, started_at, duration_seconds, disposition)
                values ('xlsx-test-2', '3955', '=HYPERLINK("http://evil.example","click")', '3956', 'internal', '2024-05-02T10:00:00Z', 20, 'answered'),
                       ('xlsx-test-1', '3955', 'Alisher', '3956', 'internal', '2024-05-01T10:00:00Z', 10, 'answered'),
                       ('xlsx-test-x', '3957', 'Other', '3956', 'internal', '2024-05-03T10:00:00Z', 10, 'busy')
                """);
        }
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        using var response = await client.GetAsync("/api/v1/calls/export.xlsx?number=3955&sort=startedAt");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("calls.xlsx");
        var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(r => r["CallId"]).ShouldBe(["xlsx-test-1", "xlsx-test-2"]);
        rows[1]["CallerName"].ShouldBe("=HYPERLINK(\"http://evil.example\",\"click\")");
        workbook.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(workbook);
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync();
        xml.ShouldNotContain("<x:f>", customMessage: "no cell holds a formula");
        xml.ShouldNotContain("<f>", customMessage: "no cell holds a formula");
        await Problem.ReadValidationAsync(await client.GetAsync("/api/v1/calls/export.xlsx?direction=sideways"));
    }

    [Fact]
    public async Task Csv_export_of_many_rows_arrives_complete()
    {
        const int rows = 20_000;
        await using (var connection = await fixture.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, duration_seconds, disposition)
                select 'bulk-' || i, '3900', '3901', 'internal', timestamptz '2023-01-01' + i * interval '1 minute', i % 600, 'answered'
                from generate_series(1, @rows) i
                """,
                new { rows });
        }
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        using var response = await client.GetAsync("/api/v1/calls/export.csv?number=3900", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        string? last = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            lines++;
            last = line;
        }

        lines.ShouldBe(rows + 1);
        last!.Split(',')[1].ShouldBe("bulk-1");
    }

    [Fact]
    public async Task Call_volume_per_hour_includes_empty_hours()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var volume = await client.GetFromJsonAsync<JsonElement>("/api/v1/stats/calls?from=2024-03-10T09:00:00Z&to=2024-03-10T13:00:00Z&interval=hour");

        volume.EnumerateArray().Select(b => (b.GetProperty("start").GetDateTime(), b.GetProperty("total").GetInt32(), b.GetProperty("answered").GetInt32()))
            .ShouldBe([(Day.AddHours(9), 1, 1), (Day.AddHours(10), 1, 0), (Day.AddHours(11), 1, 1), (Day.AddHours(12), 1, 0)]);
        var days = await client.GetFromJsonAsync<JsonElement>("/api/v1/stats/calls?from=2024-03-10&to=2024-03-12");
        days.EnumerateArray().Select(b => b.GetProperty("total").GetInt32()).ShouldBe([4, 1]);
        (await Problem.ReadValidationAsync(await client.GetAsync("/api/v1/stats/calls?interval=week"))).Keys.ShouldBe(["from", "interval"], ignoreOrder: true);
    }

    [Fact]
    public async Task Per_extension_statistics_count_both_directions()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = Alice })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/v1/stats/extensions?from=2024-03-10&to=2024-03-11");

        var alice = stats.EnumerateArray().Single(s => s.GetProperty("number").GetString() == Alice);
        alice.GetProperty("outgoing").GetInt32().ShouldBe(2);
        alice.GetProperty("incoming").GetInt32().ShouldBe(1);
        alice.GetProperty("answered").GetInt32().ShouldBe(2);
        alice.GetProperty("talkSeconds").GetInt64().ShouldBe(360);
    }
}
