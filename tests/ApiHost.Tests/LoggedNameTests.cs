using Pbx.ApiHost.Auth;
using Shouldly;
using Xunit;

namespace Pbx.ApiHost.Tests;

/// <summary>A user name as the login log writes it: one line, bounded.</summary>
public sealed class LoggedNameTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("admin\n2026-12-07T10:00:00.000Z INF forged line", "admin?2026-12-07T10:00:00.000Z INF forged line")]
    [InlineData("tab\there\rcr", "tab?here?cr")]
    [InlineData("Алишер", "Алишер")]
    public void Control_characters_cannot_start_a_line_of_their_own(string name, string logged) => LoggedName.Of(name).ShouldBe(logged);

    [Fact]
    public void A_huge_name_is_cut_and_says_how_long_it_was()
    {
        var logged = LoggedName.Of(new string('x', 10_000_000));

        logged.Length.ShouldBeLessThan(100);
        logged.ShouldStartWith(new string('x', LoggedName.MaxLength));
        logged.ShouldEndWith("(10000000 characters)");
    }
}
