using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>CDRs survive the PBX dying mid-call: what the previous run left open is closed at the next start.</summary>
public sealed class CdrRecoveryTests
{
    [Fact]
    public async Task Cdr_left_open_by_a_crash_is_closed_as_interrupted_at_start_up()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase("crash");
        // The first run creates the schema; then a call "crashes": its row was opened and never completed.
        await using (var first = await PbxHost.StartAsync(connectionString))
        {
            await using var insert = first.Database.CreateCommand(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, answered_at)
                values ('crashed@test', '3001', '3002', 'internal', now() - interval '30 seconds', now() - interval '20 seconds')
                """);
            await insert.ExecuteNonQueryAsync();
        }

        await using var second = await PbxHost.StartAsync(connectionString);

        var row = await CdrRow.ClosedAsync(second.Database, "3001", "3002");
        (row.CallId, row.Disposition, row.HangupSide).ShouldBe(("crashed@test", "interrupted", "system"));
        row.Duration.ShouldBeInRange(30, 40);
        row.Billable.ShouldBeInRange(20, 30);
    }
}
