using Npgsql;
using Pbx.Grains.Cdrs;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// No CDR waits only in a process's memory: calls made while PostgreSQL does not take CDR writes are acknowledged from
/// the local journal, and when the process is then killed (SIGKILL) the next start replays them, each exactly once.
/// </summary>
public sealed class CdrCrashTests
{
    private const int Calls = 3;

    [Fact]
    public async Task Cdrs_written_while_the_database_hangs_survive_a_kill_9_and_land_once_at_the_next_start()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase("cdrkill");
        var caller = "6201";
        var callee = "6202";
        // A first run makes the schema and the extensions.
        await using (var setup = await PbxHost.StartAsync(connectionString))
        {
            await setup.AddExtensionAsync(caller);
            await setup.AddExtensionAsync(callee);
        }
        await using var database = NpgsqlDataSource.Create(connectionString);
        // Both runs are the same PBX: the same silo endpoint, so the restart, a new generation on it, has the killed
        // silo declared dead at once (on another endpoint it would wait for the membership to vote it dead).
        var siloPorts = FreePort.LoneSilo().Select(setting => $"--{setting.Key}={setting.Value}").ToArray();
        var journal = Path.Combine(PbxHost.JournalDirectory(connectionString), CdrJournal.FileName);

        await using (var pbx = await PbxHost.StartProcessAsync(connectionString, ["--Cdrs:SpillAfter=00:00:00.2", .. siloPorts]))
        {
            var calleePort = FreePort.UdpAndTcp();
            var registered = await Sipp.RunAsync("register.xml", pbx.Udp, callee, calleePort);
            registered.ExitCode.ShouldBe(0, registered.Output);
            await using (var locker = await database.OpenConnectionAsync())
            {
                // Another session holds the table, so the PBX's CDR batches hang as on a database that stopped answering:
                // after Cdrs:SpillAfter they go to the journal and the calls go on.
                await using var transaction = await locker.BeginTransactionAsync();
                await using (var lockTable = new NpgsqlCommand("lock table cdrs in access exclusive mode", locker, transaction))
                    await lockTable.ExecuteNonQueryAsync();
                using var phone = new RtpSink();
                for (var i = 0; i < Calls; i++)
                {
                    await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, callee, calleePort, keys: TestPhone.RtpPort(phone));
                    var uac = await Sipp.RunAsync("uac-hangs-up.xml", pbx.Udp, caller, FreePort.UdpAndTcp(), service: callee);
                    uac.ExitCode.ShouldBe(0, $"call {i} was answered and hung up while the CDR table was held: {uac.Output}\n{pbx.Output}");
                    (await uas.WaitAsync()).ExitCode.ShouldBe(0);
                }

                await pbx.KillAsync();
                await transaction.RollbackAsync();
            }
            new FileInfo(journal).Length.ShouldBeGreaterThan(0, "the calls' CDRs were acknowledged from the journal");
        }

        await using var restarted = await PbxHost.StartAsync(connectionString, siloPorts);
        await restarted.CdrJournal.WaitForEmptyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        await using var rows = database.CreateCommand(
            "select count(*), count(*) filter (where disposition = 'answered' and hangup_side = 'caller' and silo is not null) from cdrs where caller = $1 and callee = $2");
        rows.Parameters.Add(new NpgsqlParameter { Value = caller });
        rows.Parameters.Add(new NpgsqlParameter { Value = callee });
        await using var reader = await rows.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        (reader.GetInt64(0), reader.GetInt64(1)).ShouldBe((Calls, Calls), "every call's row, once, opened and closed as it really ended");
    }
}
