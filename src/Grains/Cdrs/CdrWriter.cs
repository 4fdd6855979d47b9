using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Closes the CDRs a crash left open, then applies queued writes in order, as many as are waiting (up to
/// <see cref="MaxBatch"/>) in one batch, retrying a batch with back-off (100 ms doubling to 5 s) until the database takes it.
/// </summary>
public sealed partial class CdrWriter(CdrQueue queue, CdrRepository repository, TimeProvider time, ILogger<CdrWriter> logger) : BackgroundService
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
        var batch = new List<CdrWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var write))
                batch.Add(write);
            var what = batch.Count == 1 ? batch[0].CallId : $"{batch[0].CallId} and {batch.Count - 1} more";
            await RetryAsync(what, ct => repository.ApplyAsync(batch, ct), stoppingToken);
            batch.Clear();
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
