using Pbx.Grains.Live;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

/// <summary>Reports reminders, timer ticks and deactivation as "test" live events.</summary>
public sealed class AlarmGrain(ILiveEvents events) : Grain, IAlarmGrain, IRemindable
{
    private int _ticks;

    public Task SetReminder(TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder("wake", due, period);

    public Task CancelReminder() => UnregisterReminder("wake");

    public Task StartTimer(TimeSpan period)
    {
        RegisterTimer(_ =>
        {
            TestEvents.Publish(events, GetPrimaryKeyString(), "tick", (++_ticks).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TestEvents.Publish(events, GetPrimaryKeyString(), "reminder", reminderName);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        TestEvents.Publish(events, GetPrimaryKeyString(), "deactivated", reason.ToString());
        return Task.CompletedTask;
    }
}
