using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pbx.Data.Recordings;

namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>
/// Recordings past <c>Media:RecordingRetentionDays</c> go as a delete from the console would (<see cref="RecordingRemover"/>),
/// checked every <c>Media:RetentionCheckInterval</c> by each API host. Hosts sweeping at once each find the rows another
/// removed already gone, so no coordination is needed.
/// </summary>
public sealed partial class RecordingRetention(
    RecordingRepository recordings, RecordingRemover remover, IOptions<RecordingOptions> options, TimeProvider time, ILogger<RecordingRetention> logger)
    : BackgroundService
{
    private const int Batch = 500;

    /// <summary>Removes the recordings older than the retention at <paramref name="now"/>; returns how many went.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var days = options.Value.RecordingRetentionDays;
        if (days <= 0)
            return 0;
        var removed = 0;
        while (true)
        {
            var expired = await recordings.ListCreatedBeforeAsync(now.AddDays(-days), Batch, cancellationToken);
            var gone = 0;
            foreach (var id in expired)
            {
                if (await remover.RemoveAsync(id, cancellationToken) is { Deleted: true })
                    gone++;
            }
            removed += gone;
            // A batch whose files all stayed (a read-only disk) would come back the same: stop until the next check.
            if (expired.Count < Batch || gone == 0)
                break;
        }
        if (removed > 0)
            LogRemoved(removed, days);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RecordingRetentionDays <= 0)
            return;
        using var timer = new PeriodicTimer(options.Value.RetentionCheckInterval, time);
        do
        {
            try
            {
                await SweepAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
            {
                // The database is away: the next check tries again.
                LogSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "{Count} recording(s) older than {Days} days removed (Media:RecordingRetentionDays)")]
    private partial void LogRemoved(int count, int days);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Recordings past their retention could not be looked for; trying again at the next check")]
    private partial void LogSweepFailed(Exception exception);
}
