using System.Text.Json;
using Pbx.ApiHost.Hubs;
using Pbx.Grains.Live;
using Shouldly;

namespace Pbx.ConsoleTests;

/// <summary>The picture a live page draws before its first event: calls in progress and extension states.</summary>
public sealed class LiveCallBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_call_is_active_from_its_first_event_until_it_ends()
    {
        var board = new LiveCallBoard();
        board.Apply(Event("call", "c1", "ringing", new { caller = "100", callee = "101" }, 0));
        board.Apply(Event("call", "c1", "answered", new { caller = "100", callee = "101" }, 5));
        board.ActiveCallCount.ShouldBe(1);
        board.ActiveCalls().Single().Kind.ShouldBe("answered");

        board.Apply(Event("call", "c1", "ended", new { disposition = "answered" }, 60));
        board.ActiveCallCount.ShouldBe(0);
    }

    [Fact]
    public void A_later_event_without_details_keeps_the_parties_of_the_call()
    {
        var board = new LiveCallBoard();
        board.Apply(Event("call", "c1", "ringing", new { caller = "100", callee = "101" }, 0));
        board.Apply(Event("call", "c1", "held", new { }, 30));

        var call = board.ActiveCalls().Single();
        call.Kind.ShouldBe("held");
        call.Timestamp.ShouldBe(Start.AddSeconds(30));
        call.Data.GetProperty("caller").GetString().ShouldBe("100");
    }

    [Fact]
    public void Extension_state_is_the_latest_and_other_topics_are_ignored()
    {
        var board = new LiveCallBoard();
        board.Apply(Event("extension", "101", "ringing", new { }, 0));
        board.Apply(Event("extension", "101", "in-call", new { }, 3));
        board.Apply(Event("registration", "102", "registered", new { }, 4));
        board.Apply(Event("grain", "ExtensionGrain/102", "activated", new { }, 4));

        board.ExtensionStates().ShouldHaveSingleItem().Kind.ShouldBe("in-call");
        board.ActiveCallCount.ShouldBe(0);
    }

    [Fact]
    public void Extensions_busy_in_a_call_are_free_once_it_ends_without_their_own_idle_event()
    {
        var board = new LiveCallBoard();
        board.Apply(Event("call", "c1", "ringing", new { caller = "100", callee = "101" }, 0));
        board.Apply(Event("extension", "100", "in-call", new { callId = "c1" }, 0));
        board.Apply(Event("extension", "101", "ringing", new { callId = "c1" }, 0));
        board.Apply(Event("extension", "102", "in-call", new { callId = "c2" }, 0));

        board.Apply(Event("call", "c1", "ended", new { disposition = "cancelled" }, 9));

        board.ExtensionStates().ShouldHaveSingleItem().Key.ShouldBe("102");
    }

    private static LiveEvent Event(string topic, string key, string kind, object data, int second) =>
        new(topic, key, kind, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web), Start.AddSeconds(second));
}
