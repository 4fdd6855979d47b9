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
    public void Calls_joined_before_the_process_started_are_forgotten()
    {
        var state = new ExtensionState();
        state.JoinCall("old", Now.AddHours(-1));
        state.JoinCall("current", Now.AddMinutes(1));

        state.ForgetCallsBefore(Now).ShouldBeTrue();

        state.CallIds().ShouldBe(["current"]);
    }
}
