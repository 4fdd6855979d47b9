using System.Text.Json;
using Pbx.Grains.Live;
using Pbx.Silo.Live;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class InMemoryLiveEventsTests
{
    [Fact]
    public void Slow_subscriber_keeps_the_newest_events_and_counts_what_it_lost()
    {
        var events = new InMemoryLiveEvents();
        using var subscription = events.Subscribe(capacity: 2);

        for (var i = 0; i < 5; i++)
            events.Publish(Event("call", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        subscription.Dropped.ShouldBe(3);
        subscription.Reader.TryRead(out var first).ShouldBeTrue();
        subscription.Reader.TryRead(out var second).ShouldBeTrue();
        (first!.Key, second!.Key).ShouldBe(("3", "4"));
    }

    [Fact]
    public void Topic_filter_and_dispose_stop_delivery()
    {
        var events = new InMemoryLiveEvents();
        var calls = events.Subscribe(["call"]);

        events.Publish(Event("registration", "201"));
        events.Publish(Event("call", "c1"));
        calls.Dispose();
        events.Publish(Event("call", "c2"));

        calls.Reader.TryRead(out var only).ShouldBeTrue();
        only!.Key.ShouldBe("c1");
        calls.Reader.TryRead(out _).ShouldBeFalse();
    }

    private static LiveEvent Event(string topic, string key) =>
        new(topic, key, "changed", JsonSerializer.SerializeToElement(new { }), DateTimeOffset.UtcNow);
}
