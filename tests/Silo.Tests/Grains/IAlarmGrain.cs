using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task SetReminder(TimeSpan due, TimeSpan period);

    Task CancelReminder();

    Task StartTimer(TimeSpan period);
}
