using Pbx.Data;
using Pbx.Data.Cdrs;

namespace Pbx.Data.Tests;

public sealed class CdrRepositoryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly CdrRepository _cdrs = new(database.DataSource);

    [Fact]
    public async Task The_history_lists_and_counts_what_the_batched_writes_stored()
    {
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var writes = new List<CdrWrite>();
        for (var i = 0; i < 5; i++)
        {
            writes.Add(new CdrOpened($"history-{i}", "2201", null, "2202", "internal", start.AddMinutes(i)));
            writes.Add(new CdrClosed($"history-{i}", null, start.AddMinutes(i).AddSeconds(10 + i), "busy", "486 Busy Here", "callee"));
        }
        await _cdrs.ApplyAsync(writes, CancellationToken.None);
        var filter = new CdrFilter(start.UtcDateTime, start.AddHours(1).UtcDateTime, "2202", null, "busy", "-duration", ViewScope.All);

        var page = await _cdrs.ListAsync(filter, offset: 1, limit: 2, CancellationToken.None);

        page.Select(c => c.CallId).ShouldBe(["history-3", "history-2"]);
        (await _cdrs.CountAsync(filter, upTo: null, CancellationToken.None)).ShouldBe(5);
        (await _cdrs.CountAsync(filter, upTo: 3, CancellationToken.None)).ShouldBe(3);
    }

    [Fact]
    public void Every_sort_key_the_history_offers_orders_the_query()
    {
        CdrRepository.SortKeys.ShouldBe(["startedAt", "-startedAt", "duration", "-duration"]);
    }
}
