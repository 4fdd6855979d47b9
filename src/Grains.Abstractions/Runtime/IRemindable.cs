namespace Pbx.Grains.Runtime;

/// <summary>A grain that receives durable reminders; reminders are stored in PostgreSQL and survive a restart.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called when reminder <paramref name="reminderName"/> is due. Runs as an ordinary turn of the grain.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>When a reminder tick was due and when it is being delivered.</summary>
/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">Interval between ticks; <see cref="TimeSpan.Zero"/> for a one-shot reminder.</param>
/// <param name="CurrentTickTime">When this tick was due (may be in the past after a restart).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
