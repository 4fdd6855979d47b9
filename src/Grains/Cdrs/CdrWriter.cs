using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.Data.Cdrs;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Replays the local <see cref="CdrJournal"/> into PostgreSQL: at start-up what a previous run left there (it may have
/// died with writes acknowledged only by the journal), and whenever <see cref="CdrQueue"/> spills. Up to
/// <see cref="MaxBatch"/> records go as one batch, in journal order, retried with back-off (100 ms doubling to 5 s)
/// until the database takes them; the file is truncated once it has caught up. A write applied twice (a crash between
/// the commit and the truncation) changes nothing: every write is idempotent.
/// </summary>
public sealed partial class CdrWriter(CdrQueue queue, CdrJournal journal, CdrRepository repository, TimeProvider time, ILogger<CdrWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    // Bounds one statement batch, as for the queue's own batches.
    private const int MaxBatch = 500;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (journal.DroppedBytes > 0)
            LogTornTail(journal.FilePath, journal.DroppedBytes);
        while (true)
        {
            await journal.WaitForPendingAsync(stoppingToken);
            LogReplaying(journal.PendingCount, journal.FilePath);
            // A batch the queue gave up on for slowness may still commit: it ends first, so it cannot overtake the replay.
            await queue.Abandoned.WaitAsync(stoppingToken);
            var replayed = 0;
            var delay = FirstRetry;
            while (!journal.IsEmpty)
            {
                var batch = journal.ReadPending(MaxBatch);
                foreach (var unreadable in batch.Unreadable)
                    LogUnreadable(journal.FilePath, unreadable);
                try
                {
                    if (batch.Writes.Count > 0)
                        await ApplyAsync(batch.Writes, stoppingToken);
                    journal.MarkReplayed(batch);
                    replayed += batch.Records;
                    delay = FirstRetry;
                    continue;
                }
                catch (Exception e) when (e is DbException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    LogReplayFailed(batch.Records, delay, e);
                }
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
            }
            LogReplayed(replayed);
        }
    }

    /// <summary>
    /// Applies <paramref name="writes"/> as one batch. A write PostgreSQL refuses as wrong in itself (bad data, a broken
    /// constraint) would fail its batch at every retry and hold up every CDR behind it: then each write goes alone, and the
    /// refused ones are logged with their content and skipped.
    /// </summary>
    private async Task ApplyAsync(IReadOnlyList<CdrWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            await repository.ApplyAsync(writes, cancellationToken);
        }
        catch (DbException e) when (IsRefusal(e))
        {
            foreach (var write in writes)
            {
                try
                {
                    await repository.ApplyAsync([write], cancellationToken);
                }
                catch (DbException refused) when (IsRefusal(refused))
                {
                    LogRefused(write.CallId, write.ToString(), refused);
                }
            }
        }
    }

    // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the write itself is at fault.
    // A connection failure carries no SQLSTATE: that is an outage, retried, not a refusal.
    private static bool IsRefusal(DbException e) =>
        e.SqlState is { } state && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));
}
