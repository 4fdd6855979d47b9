using Pbx.Data.Cdrs;

namespace Pbx.Data.Tests;

/// <summary>
/// <see cref="ViewScope"/> in the history's where-clause: an own scope matches the calls where the extension is caller,
/// callee or a step of the history (forwarded to or from it), and nothing without an extension.
/// </summary>
public sealed class CdrScopeTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly CdrRepository _cdrs = new(database.DataSource);

    [Fact]
    public async Task An_own_scope_lists_the_calls_the_extension_made_received_or_was_forwarded_in()
    {
        await _cdrs.ApplyAsync(
        [
            new CdrOpened("scope-made", "5101", null, "5199", "internal", Start),
            new CdrOpened("scope-received", "5198", null, "5101", "internal", Start.AddMinutes(1)),
            new CdrOpened("scope-forwarded", "5197", null, "5196", "internal", Start.AddMinutes(2)),
            new CdrClosed("scope-forwarded", null, Start.AddMinutes(3), "no-answer", "480", "system",
                $$"""[{"kind":"forward-busy","from":"5196","to":"5101","at":"{{Start:O}}"}]"""),
            new CdrOpened("scope-other", "5102", null, "5199", "internal", Start.AddMinutes(4)),
        ], CancellationToken.None);

        var own = await ListAsync(ViewScope.Own("5101"));
        var forwarder = await ListAsync(ViewScope.Own("5196"));
        var none = await ListAsync(ViewScope.Own(null));
        var all = await ListAsync(ViewScope.All);

        own.ShouldBe(["scope-forwarded", "scope-received", "scope-made"]);
        forwarder.ShouldBe(["scope-forwarded"]);
        none.ShouldBeEmpty();
        all.Count.ShouldBe(4);
        (await _cdrs.GetAsync((await _cdrs.ListAsync(Filter(ViewScope.All), 0, 1, CancellationToken.None))[0].Id, ViewScope.Own("5101"), CancellationToken.None))
            .ShouldBeNull("the newest call is 5102's");
    }

    [Fact]
    public async Task The_history_test_of_an_own_scope_is_served_by_the_history_index()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using (var off = new Npgsql.NpgsqlCommand("set enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        // The history arm of ViewScope's condition, as the repository sends it.
        await using var explain = new Npgsql.NpgsqlCommand(
            "explain select id from cdrs where history @> jsonb_build_array(jsonb_build_object('to', @own::text))", connection);
        explain.Parameters.AddWithValue("own", "5101");

        var plan = new System.Text.StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                plan.AppendLine(reader.GetString(0));
        }

        plan.ToString().ShouldContain("cdrs_history");
    }

    private async Task<List<string>> ListAsync(ViewScope scope) =>
        [.. (await _cdrs.ListAsync(Filter(scope), 0, 50, CancellationToken.None)).Select(c => c.CallId)];

    private static CdrFilter Filter(ViewScope scope) => new(Start.UtcDateTime, Start.AddHours(1).UtcDateTime, null, null, null, "-startedAt", scope);
}
