using Pbx.Grains.Calls;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls;

/// <summary>When the PBX acts on a leg's session timer, and the headers it writes (RFC 4028 sections 7.1, 9, 10).</summary>
public sealed class LegSessionTimerTests
{
    [Theory]
    [InlineData(1800, 900)]
    [InlineData(90, 45)]
    public void Refresher_refreshes_at_half_the_interval(int seconds, double due) =>
        new LegSessionTimer(seconds, PbxRefreshes: true).Due.ShouldBe(TimeSpan.FromSeconds(due));

    [Theory]
    // RFC 4028 section 10: expiry minus the lesser of 32 seconds and one third of the interval.
    [InlineData(1800, 1768)]
    [InlineData(90, 60)]
    public void Non_refresher_gives_up_before_the_interval_ends(int seconds, double due) =>
        new LegSessionTimer(seconds, PbxRefreshes: false).Due.ShouldBe(TimeSpan.FromSeconds(due));

    [Fact]
    public void Refresher_roles_flip_between_the_pbxs_requests_and_its_responses()
    {
        var pbxRefreshes = new LegSessionTimer(600, PbxRefreshes: true);

        (pbxRefreshes.ForRequest().Refresher, pbxRefreshes.ForResponse().Refresher).ShouldBe((SessionTimer.Uac, SessionTimer.Uas));
        (new LegSessionTimer(600, false).ForRequest().Refresher, new LegSessionTimer(600, false).ForResponse().Refresher).ShouldBe((SessionTimer.Uas, SessionTimer.Uac));
        pbxRefreshes.ForRequest().Expires.ShouldBe(600);
    }

    [Fact]
    public void Minimum_above_the_interval_is_named()
    {
        var errors = new CallOptions { SessionExpires = 60, MinSessionExpires = 90 }.Validate();

        errors.ShouldHaveSingleItem().ShouldContain("Calls:MinSessionExpires");
    }
}
