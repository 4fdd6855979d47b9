using System.Globalization;
using Orleans;
using Orleans.Runtime;
using Pbx.Grains.Live;

namespace Pbx.Silo.Tests.Grains;

public sealed class AlarmGrain(ILiveEvents events) : Grain, IAlarmGrain, IRemindable
{
    private int _ticks;

    public Task SetReminder(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder("wake", due, period);

    public async Task CancelReminder()
    {
        if (await this.GetReminder("wake") is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    public Task StartTimer(TimeSpan period)
    {
        this.RegisterGrainTimer(() =>
        {
            TestEvents.Publish(events, this.GetPrimaryKeyString(), "tick", (++_ticks).ToString(CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TestEvents.Publish(events, this.GetPrimaryKeyString(), "reminder", reminderName);
        return Task.CompletedTask;
    }
}
