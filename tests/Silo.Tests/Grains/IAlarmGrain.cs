using Orleans;

namespace Pbx.Silo.Tests.Grains;

/// <summary>Reports its reminder ticks, timer ticks and deactivation as "test" live events.</summary>
public interface IAlarmGrain : IGrainWithStringKey
{
    /// <summary>Registers (or moves) the durable reminder "wake".</summary>
    Task SetReminder(TimeSpan due, TimeSpan period);

    Task CancelReminder();

    /// <summary>Starts a grain timer that publishes "tick" with its count.</summary>
    Task StartTimer(TimeSpan period);
}
