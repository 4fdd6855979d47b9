using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Closes the CDRs a crash left open, then applies queued writes in order: the CDR writes waiting (up to
/// <see cref="MaxBatch"/>) as one batch, each recording write on its own, retrying with back-off (100 ms doubling to
/// 5 s) until the database takes them. Recording rows ride the same queue (<see cref="RecordingWrite"/>), so they are
/// ordered with their call's CDR and survive the same hiccups.
/// </summary>
public sealed partial class CdrWriter(
    CdrQueue queue, CdrRepository repository, RecordingRepository recordings, TimeProvider time, ILogger<CdrWriter> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    // Bounds one statement batch; at 1,000 calls/s about 2,000 writes a second arrive, so batches stay well below it.
    private const int MaxBatch = 500;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Rows opened by the previous run and never closed: that run died with the calls up.
        await RetryAsync("interrupted", async ct =>
        {
            var closed = await repository.CloseInterruptedAsync(time.GetUtcNow(), ct);
            if (closed > 0)
                LogClosedInterrupted(closed);
        }, stoppingToken);
        // Recordings that were running when that run died: their files are finished and their rows completed.
        await RetryAsync("interrupted recordings", async ct =>
        {
            var completed = await recordings.CompleteInterruptedAsync(ct);
            if (completed > 0)
                LogCompletedInterruptedRecordings(completed);
        }, stoppingToken);
        var batch = new List<CdrWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            // A recording write ends the batch and is applied after it, so every write keeps its place in the order.
            RecordingWrite? recording = null;
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var write))
            {
                if (write is RecordingWrite r)
                {
                    recording = r;
                    break;
                }
                batch.Add(write);
            }
            if (batch.Count > 0)
            {
                var what = batch.Count == 1 ? batch[0].CallId : $"{batch[0].CallId} and {batch.Count - 1} more";
                await RetryAsync(what, ct => repository.ApplyAsync(batch, ct), stoppingToken);
                batch.Clear();
            }
            if (recording is not null)
                await RetryAsync(recording.CallId, ct => recordings.ApplyAsync(recording, ct), stoppingToken);
        }
    }

    private async Task RetryAsync(string callId, Func<CancellationToken, Task> write, CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await write(stoppingToken);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogWriteFailed(callId, delay, e);
            }
            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    }
}
