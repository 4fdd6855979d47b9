using Orleans;

namespace Pbx.Silo.Tests.Grains;

public sealed class ChatRoomGrain : Grain, IChatRoomGrain
{
    private readonly List<IChatObserver> _members = [];

    public Task Join(IChatObserver observer)
    {
        _members.Add(observer);
        return Task.CompletedTask;
    }

    public async Task<int> Say(string text)
    {
        foreach (var member in _members)
            await member.Receive(this.GetPrimaryKeyString(), text);
        return _members.Count;
    }
}
