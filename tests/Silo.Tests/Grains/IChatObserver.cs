using Orleans;

namespace Pbx.Silo.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    Task Receive(string room, string text);
}
