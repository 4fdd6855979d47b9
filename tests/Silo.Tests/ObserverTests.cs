using Pbx.Silo.Tests.Grains;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class ObserverTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Non_grain_observer_receives_callbacks_and_a_failing_one_does_not_fail_the_grain()
    {
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        var listener = new Listener();
        var broken = new Listener { Fail = true };
        var room = silo.Grains.GetGrain<IChatRoomGrain>("lobby");
        await room.Join(silo.Grains.CreateObjectReference<IChatObserver>(broken));
        var reference = silo.Grains.CreateObjectReference<IChatObserver>(listener);
        await room.Join(reference);

        (await room.Say("hello")).ShouldBe(2);

        (await listener.Received.Task.WaitAsync(TestSilo.Patience)).ShouldBe("lobby: hello");
        silo.Grains.DeleteObjectReference(reference);
        (await room.Say("after delete")).ShouldBe(2);
        listener.Count.ShouldBe(1);
    }

    private sealed class Listener : IChatObserver
    {
        public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Fail { get; init; }

        public int Count { get; private set; }

        public Task Receive(string room, string text)
        {
            if (Fail)
                throw new InvalidOperationException("edge node gone");
            Count++;
            Received.TrySetResult($"{room}: {text}");
            return Task.CompletedTask;
        }
    }
}
