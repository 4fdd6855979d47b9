using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Closes the CDRs a crash left open, then applies queued writes one by one, retrying each with back-off (100 ms doubling
/// to 5 s) until the database takes it. Recording rows ride the same queue (<see cref="RecordingWrite"/>), so they are
/// ordered with their call's CDR and survive the same hiccups.
/// </summary>
public sealed partial class CdrWriter(
    CdrQueue queue, CdrRepository repository, TimeProvider time, ILogger<CdrWriter> logger, RecordingRepository? recordings = null) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

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
        if (recordings is not null)
        {
            // Recordings that were running when that run died: their files are finished and their rows completed.
            await RetryAsync("interrupted recordings", async ct =>
            {
                var completed = await recordings.CompleteInterruptedAsync(ct);
                if (completed > 0)
                    LogCompletedInterruptedRecordings(completed);
            }, stoppingToken);
        }
        await foreach (var write in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RetryAsync(write.CallId, ct => write is RecordingWrite recording && recordings is not null
                ? recordings.ApplyAsync(recording, ct)
                : repository.ApplyAsync(write, ct), stoppingToken);
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
