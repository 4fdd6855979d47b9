using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

/// <summary>Objects outside grains (the edge's and media node's callbacks) receive grain calls through CreateObjectReference.</summary>
public sealed class ObserverTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Observers_created_with_CreateObjectReference_receive_the_grains_calls()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        var alice = new Listener();
        var bob = new Listener();
        var room = silo.Grains.GetGrain<IChatRoomGrain>("lobby");
        await room.Join(silo.Grains.CreateObjectReference<IChatObserver>(alice));
        await room.Join(silo.Grains.CreateObjectReference<IChatObserver>(bob));

        (await room.Say("hello")).ShouldBe(2);

        (await alice.Received.Task.WaitAsync(TestSilo.Patience)).ShouldBe("lobby: hello");
        (await bob.Received.Task.WaitAsync(TestSilo.Patience)).ShouldBe("lobby: hello");
    }

    private sealed class Listener : IChatObserver
    {
        public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Receive(string room, string text)
        {
            Received.TrySetResult($"{room}: {text}");
            return Task.CompletedTask;
        }
    }
}
