using Npgsql;
using Pbx.Grains.Calls;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Rows left open by a silo that died are closed by the silos still running: at the next start of a lone PBX, and by the
/// periodic recovery pass of a running one, which leaves the rows of live silos and of calls still going on alone.
/// </summary>
public sealed class CdrRecoveryTests
{
    // A silo that is not in the cluster's membership: an earlier incarnation, long gone.
    private const string GoneSilo = "127.0.0.1:11111@1";

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
        row.HangupCause.ShouldStartWith("silo died");
        row.Duration.ShouldBeInRange(30, 40);
        row.Billable.ShouldBeInRange(20, 30);
    }

    [Fact]
    public async Task A_running_silo_closes_the_rows_of_a_silo_gone_from_the_membership_and_leaves_its_own()
    {
        // Passes run when the test asks (and once at start-up).
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("orphans"), "--Cdrs:RecoveryInterval=01:00:00");
        await InsertOpenAsync(pbx.Database, "gone@test", "3101", GoneSilo);
        await InsertOpenAsync(pbx.Database, "live@test", "3102", pbx.SiloAddress);

        var pass = await pbx.CdrRecovery.RunPassAsync(CancellationToken.None);

        pass.Skipped.ShouldBeFalse();
        var gone = await CdrRow.ClosedAsync(pbx.Database, "3101", "3199", TimeSpan.Zero);
        (gone.CallId, gone.Disposition, gone.HangupSide, gone.HangupCause).ShouldBe(("gone@test", "interrupted", "system", $"silo died ({GoneSilo})"));
        (await IsOpenAsync(pbx.Database, "live@test")).ShouldBeTrue("its silo is this one, alive: its calls are its own business");
    }

    [Fact]
    public async Task A_row_of_a_gone_silo_whose_call_is_still_up_is_left_open_until_the_call_ends()
    {
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("orphanup"), "--Cdrs:RecoveryInterval=01:00:00");
        var caller = await TestPhone.CallerOnlyAsync(pbx, "3201");
        var callee = await TestPhone.RegisterAsync(pbx, "3202");
        using var events = pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var calleeSide = Sipp.Start("uas-answers.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        await using var callerSide = Sipp.Start("uac-hung-up.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = (await TestPhone.NextEventAsync(events, "answered")).Key;
        // As if the silo that opened the row had died and the answered call's grain had come back here from its state.
        await using (var move = pbx.Database.CreateCommand("update cdrs set silo = $1 where call_id = $2"))
        {
            move.Parameters.Add(new NpgsqlParameter { Value = GoneSilo });
            move.Parameters.Add(new NpgsqlParameter { Value = callId });
            (await move.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var pass = await pbx.CdrRecovery.RunPassAsync(CancellationToken.None);

        pass.CdrsClosed.ShouldBe(0);
        (await IsOpenAsync(pbx.Database, callId)).ShouldBeTrue("the call grain says the call is answered");
        (await pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.Done);
        (await callerSide.WaitAsync()).ExitCode.ShouldBe(0);
        (await calleeSide.WaitAsync()).ExitCode.ShouldBe(0);
        var row = await CdrRow.ClosedAsync(pbx.Database, caller.Number, callee.Number);
        (row.CallId, row.Disposition, row.HangupSide).ShouldBe((callId, "answered", "system"));
    }

    private static async Task InsertOpenAsync(NpgsqlDataSource database, string callId, string caller, string silo)
    {
        await using var insert = database.CreateCommand(
            "insert into cdrs (call_id, caller, callee, direction, started_at, silo) values ($1, $2, '3199', 'internal', now() - interval '5 seconds', $3)");
        insert.Parameters.Add(new NpgsqlParameter { Value = callId });
        insert.Parameters.Add(new NpgsqlParameter { Value = caller });
        insert.Parameters.Add(new NpgsqlParameter { Value = silo });
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<bool> IsOpenAsync(NpgsqlDataSource database, string callId)
    {
        await using var select = database.CreateCommand("select ended_at is null from cdrs where call_id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = callId });
        return (bool)(await select.ExecuteScalarAsync())!;
    }
}
