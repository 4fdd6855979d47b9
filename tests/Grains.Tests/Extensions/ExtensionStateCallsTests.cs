using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Extensions;

/// <summary>The extension's list of calls in progress, which call waiting reads.</summary>
public sealed class ExtensionStateCallsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Joining_twice_counts_once_and_leaving_removes()
    {
        var state = new ExtensionState();

        state.JoinCall("a", Now).ShouldBeTrue();
        state.JoinCall("a", Now).ShouldBeFalse();
        state.JoinCall("b", Now).ShouldBeTrue();
        state.CallIds().ShouldBe(["a", "b"]);
        state.LeaveCall("a").ShouldBeTrue();
        state.LeaveCall("a").ShouldBeFalse();
        state.CallIds().ShouldBe(["b"]);
    }

    [Fact]
    public void The_calls_survive_the_state_written_and_read_back_as_the_grain_storage_does_oldest_first()
    {
        var state = new ExtensionState();
        state.JoinCall("later", Now.AddSeconds(5));
        state.JoinCall("first", Now);
        state.JoinCall("gone", Now.AddSeconds(1));
        state.LeaveCall("gone");

        var json = System.Text.Json.JsonSerializer.Serialize(state, System.Text.Json.JsonSerializerOptions.Web);
        var loaded = System.Text.Json.JsonSerializer.Deserialize<ExtensionState>(json, System.Text.Json.JsonSerializerOptions.Web)!;

        loaded.CallIds().ShouldBe(["first", "later"]);
        loaded.JoinCall("first", Now).ShouldBeFalse("a call read back is still known by its id");
        loaded.LeaveCall("later").ShouldBeTrue();
    }

    [Fact]
    public void Calls_joined_before_the_process_started_are_forgotten()
    {
        var state = new ExtensionState();
        state.JoinCall("old", Now.AddHours(-1));
        state.JoinCall("current", Now.AddMinutes(1));

        state.ForgetCallsBefore(Now).ShouldBeTrue();

        state.CallIds().ShouldBe(["current"]);
    }
}
