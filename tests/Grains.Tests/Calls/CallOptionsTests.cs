using Pbx.Grains.Calls;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls;

/// <summary>Call settings out of range stop the start-up with a message naming the key.</summary>
public sealed class CallOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => new CallOptions().Validate().ShouldBeEmpty();

    [Fact]
    public void Out_of_range_settings_are_each_named_with_their_range()
    {
        var options = new CallOptions { NoAnswerTimeout = TimeSpan.Zero, MaxDuration = TimeSpan.FromDays(2) };

        var errors = options.Validate();

        errors.Count.ShouldBe(2);
        errors[0].ShouldContain("Calls:NoAnswerTimeout");
        errors[1].ShouldContain("Calls:MaxDuration");
        errors[1].ShouldContain("1.00:00:00");
    }

    [Fact]
    public void Empty_music_on_hold_is_named() =>
        new CallOptions { MusicOnHold = " " }.Validate().ShouldHaveSingleItem().ShouldContain("Calls:MusicOnHold");
}
