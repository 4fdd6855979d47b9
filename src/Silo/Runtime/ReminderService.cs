using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Runtime;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Runtime;

/// <summary>
/// Delivers durable reminders: reads due rows at start-up and every Runtime:ReminderPollInterval, delivers each as a
/// turn calling IRemindable.ReceiveReminder, then deletes one-shot rows and moves periodic ones to their next tick.
/// A failing grain is logged and gets the next tick rather than a retry; a tick delivered just as the silo stops,
/// before its row is moved on, is delivered again after the restart.
/// </summary>
internal sealed partial class ReminderService(ReminderTable table, GrainRuntime runtime, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<ReminderService> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderPollInterval, time);
        try
        {
            do
            {
                await DeliverDueAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var due = await table.ReadDueAsync(now, cancellationToken).ConfigureAwait(false);
            if (due.Count > 0)
                await Task.WhenAll(due.Select(entry => DeliverAsync(entry, now, cancellationToken))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPollFailed(logger, ex);
        }
    }

    private async Task DeliverAsync(ReminderEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.InvokeReminderAsync(entry.GrainId, entry.Name, new TickStatus(entry.FirstDue, entry.Period, entry.NextDue)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, entry.Name, entry.GrainId);
        }
        await table.CompleteTickAsync(entry, NextDue(entry, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first tick after <paramref name="now"/>: ticks missed while the silo was down are skipped, not replayed.</summary>
    private static DateTimeOffset NextDue(ReminderEntry entry, DateTimeOffset now)
    {
        if (entry.Period <= TimeSpan.Zero)
            return entry.NextDue;
        var missed = (now - entry.NextDue).Ticks / entry.Period.Ticks + 1;
        return entry.NextDue + TimeSpan.FromTicks(entry.Period.Ticks * missed);
    }
}
