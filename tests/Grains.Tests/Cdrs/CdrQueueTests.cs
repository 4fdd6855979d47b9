using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.Data.Cdrs;
using Pbx.Data.Recordings;
using Pbx.Grains.Cdrs;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Cdrs;

/// <summary>
/// A CDR write is durable when <see cref="CdrQueue.WriteAsync"/> completes: in PostgreSQL, or in the local journal while
/// the database is unreachable or too slow, from which it lands exactly once, after a crash too.
/// </summary>
public sealed class CdrQueueTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("pbx-cdrqueue-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task With_the_database_up_a_completed_write_is_in_PostgreSQL_and_nothing_in_the_journal()
    {
        await using var dataSource = await DatabaseAsync("cdrqueue");
        using var journal = CdrJournal.Open(_directory);
        await using var queue = Queue(dataSource, journal);

        foreach (var write in Call("up-1"))
            await queue.WriteAsync(write).WaitAsync(Limit);
        // Unanswered, no caller name: the nulls must reach their columns as such.
        var started = DateTimeOffset.UtcNow;
        await queue.WriteAsync(new CdrOpened("busy-1", "4001", null, "4002", "internal", started)).WaitAsync(Limit);
        await queue.WriteAsync(new CdrClosed("busy-1", null, started.AddSeconds(1), CdrDisposition.Busy, "486 Busy Here", "callee")).WaitAsync(Limit);

        journal.IsEmpty.ShouldBeTrue();
        (await CdrSchema.CountAsync(dataSource, "select count(*) from cdrs where call_id = 'up-1' and ended_at is not null and silo = 'silo-a'")).ShouldBe(1);
        (await CdrSchema.CountAsync(dataSource, "select count(*) from cdrs where call_id = 'busy-1' and disposition = 'busy' and answered_at is null and billable_seconds = 0")).ShouldBe(1);
    }

    [Fact]
    public async Task Writes_acknowledged_while_the_database_is_unreachable_land_exactly_once_after_a_crash()
    {
        await using var dataSource = await DatabaseAsync("cdrcrash");
        // Nothing listens on this port: every connection is refused, as when the database host is down.
        await using var unreachable = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Tcp()};Username=pbx;Database=none;Timeout=2");
        var writes = new[] { "down-1", "down-2" }.SelectMany(Call).ToList();
        using (var journal = CdrJournal.Open(_directory))
        {
            await using var queue = Queue(unreachable, journal);
            foreach (var write in writes)
                await queue.WriteAsync(write).WaitAsync(Limit);
            journal.PendingCount.ShouldBe(writes.Count);
            // The process dies here: no replay ran, what the calls were told is durable is what the file holds.
        }

        using (var restarted = CdrJournal.Open(_directory))
        {
            restarted.PendingCount.ShouldBe(writes.Count);
            await ReplayAsync(dataSource, restarted);
            // Died again between the commit and the truncation: the same records are replayed a second time.
            restarted.Append(writes);
            await ReplayAsync(dataSource, restarted);
        }

        (await CdrSchema.CountAsync(dataSource, "select count(*) from cdrs where ended_at is not null and disposition = 'answered' and silo = 'silo-a'")).ShouldBe(2);
        (await CdrSchema.CountAsync(dataSource, "select count(*) from cdrs")).ShouldBe(2);
        (await CdrSchema.CountAsync(dataSource, "select count(*) from recordings where completed_at is not null and size_bytes = 96044")).ShouldBe(2);
        (await CdrSchema.CountAsync(dataSource, "select count(*) from recordings")).ShouldBe(2);
        (await CdrSchema.CountAsync(dataSource, "select count(*) from cdrs c join recordings r on r.id = c.recording_id")).ShouldBe(2);
    }

    [Fact]
    public async Task A_batch_the_database_does_not_commit_in_time_is_journaled_and_later_writes_queue_behind_it()
    {
        await using var dataSource = await DatabaseAsync("cdrslow");
        using var journal = CdrJournal.Open(_directory);
        await using var queue = Queue(dataSource, journal, spillAfter: TimeSpan.FromMilliseconds(100));
        var repository = new CdrRepository(dataSource);
        using var writer = new CdrWriter(queue, journal, repository, TimeProvider.System, NullLogger<CdrWriter>.Instance);
        var (open, close) = (Call("slow-1")[0], Call("slow-1")[^1]);

        await using (var locker = await dataSource.OpenConnectionAsync())
        {
            // Another session holds the table: the insert waits, as on a database that hangs.
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("lock table cdrs in access exclusive mode", locker, transaction))
                await lockTable.ExecuteNonQueryAsync();
            await writer.StartAsync(CancellationToken.None);

            await queue.WriteAsync(open).WaitAsync(Limit);
            journal.IsEmpty.ShouldBeFalse("the batch went to the journal after 100 ms");
            await queue.WriteAsync(close).WaitAsync(Limit);
            journal.PendingCount.ShouldBeGreaterThanOrEqualTo(1);

            await transaction.RollbackAsync();
        }

        await journal.WaitForEmptyAsync(CancellationToken.None).WaitAsync(Limit);
        await writer.StopAsync(CancellationToken.None);
        (await CdrSchema.CountAsync(dataSource, "select count(*) from cdrs where call_id = 'slow-1' and disposition = 'answered'")).ShouldBe(1);
    }

    private CdrQueue Queue(NpgsqlDataSource dataSource, CdrJournal journal, TimeSpan? spillAfter = null) =>
        new(new CdrRepository(dataSource), journal, Options.Create(new CdrOptions { SpillAfter = spillAfter ?? TimeSpan.FromSeconds(2) }), "silo-a",
            TimeProvider.System, NullLogger<CdrQueue>.Instance);

    /// <summary>Runs a writer over <paramref name="journal"/> until it is empty, as a restarted process does.</summary>
    private async Task ReplayAsync(NpgsqlDataSource dataSource, CdrJournal journal)
    {
        await using var queue = Queue(dataSource, journal);
        using var writer = new CdrWriter(queue, journal, new CdrRepository(dataSource), TimeProvider.System, NullLogger<CdrWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await journal.WaitForEmptyAsync(CancellationToken.None).WaitAsync(Limit);
        await writer.StopAsync(CancellationToken.None);
    }

    private static async Task<NpgsqlDataSource> DatabaseAsync(string prefix)
    {
        var dataSource = NpgsqlDataSource.Create(PostgresServer.Shared.CreateDatabase(prefix));
        await CdrSchema.CreateAsync(dataSource);
        return dataSource;
    }

    /// <summary>The writes of one answered, recorded call, in the order the call grain makes them.</summary>
    private static CdrWrite[] Call(string callId)
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-10);
        var file = $"/recordings/{callId}.wav";
        return
        [
            new CdrOpened(callId, "4001", null, "4002", "internal", started),
            new RecordingOpened(callId, file, started.AddSeconds(2)),
            new RecordingClosed(callId, file, 96044, 3000, started.AddSeconds(5)),
            new CdrClosed(callId, started.AddSeconds(2), started.AddSeconds(9), CdrDisposition.Answered, "BYE", "caller"),
        ];
    }
}
