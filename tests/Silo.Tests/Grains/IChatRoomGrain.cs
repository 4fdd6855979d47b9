using Orleans;

namespace Pbx.Silo.Tests.Grains;

public interface IChatRoomGrain : IGrainWithStringKey
{
    Task Join(IChatObserver observer);

    /// <summary>Notifies every member; returns how many were notified.</summary>
    Task<int> Say(string text);
}
