using System.Net.Http.Json;
using Dapper;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.Data.Cdrs;

namespace Pbx.ApiHost.Tests;

/// <summary>The call history's total on a list longer than <see cref="CallsApi.CountLimit"/>: bounded unless asked for exactly.</summary>
[Collection(ApiCollection.Name)]
public sealed class CallsApiTotalTests(ApiFixture fixture) : IAsyncLifetime
{
    // A number no other test uses, with more calls than the list counts by default.
    private const string Busy = "3801";
    private const int Calls = CallsApi.CountLimit + 50;
    private static readonly DateTime Day = new(2023, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        await using var connection = await fixture.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            insert into cdrs (call_id, caller, callee, direction, started_at, ended_at, duration_seconds, billable_seconds, disposition)
            select 'total-' || i, @Busy, '3802', 'internal', @Day + i * interval '1 minute', @Day + i * interval '1 minute' + interval '10 seconds', 10, 10, 'answered'
            from generate_series(1, @Calls) i
            on conflict (call_id) do nothing
            """, new { Busy, Day, Calls });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_long_list_counts_up_to_the_limit_and_says_so()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var bounded = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Busy}"))!;
        var exact = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Busy}&exactTotal=true"))!;

        bounded.Total.ShouldBe(CallsApi.CountLimit);
        bounded.TotalIsExact.ShouldBeFalse();
        bounded.Items.Count.ShouldBe(PageQuery.DefaultPageSize);
        exact.Total.ShouldBe(Calls);
        exact.TotalIsExact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_last_page_and_a_short_list_have_an_exact_total_without_asking()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var last = (await client.GetFromJsonAsync<PagedResult<CallRecord>>($"/api/v1/calls?number={Busy}&pageSize=500&page={(Calls / 500) + 1}"))!;
        var hour = (await client.GetFromJsonAsync<PagedResult<CallRecord>>(
            $"/api/v1/calls?number={Busy}&from=2023-05-01T00:00:00Z&to=2023-05-01T01:00:00Z"))!;

        last.Total.ShouldBe(Calls);
        last.TotalIsExact.ShouldBeTrue();
        // Minutes 1 to 59 of the first hour: one short page.
        hour.Total.ShouldBe(59);
        hour.TotalIsExact.ShouldBeTrue();
    }
}
