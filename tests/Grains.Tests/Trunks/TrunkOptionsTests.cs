using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

public sealed class TrunkOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => new TrunkOptions().Validate().ShouldBeEmpty();

    [Theory]
    [InlineData("00:00:00", "00:00:05", "00:05:00", "Trunks:RefreshMargin")]
    [InlineData("00:00:30", "00:00:00.01", "00:05:00", "Trunks:MinBackoff")]
    [InlineData("00:00:30", "00:00:10", "00:00:05", "Trunks:MaxBackoff")]
    public void A_bad_value_is_reported_with_its_key(string margin, string min, string max, string key)
    {
        var options = new TrunkOptions { RefreshMargin = TimeSpan.Parse(margin), MinBackoff = TimeSpan.Parse(min), MaxBackoff = TimeSpan.Parse(max) };

        options.Validate().ShouldHaveSingleItem().ShouldStartWith(key);
    }

    [Theory]
    [InlineData("00:00:00.1")]
    [InlineData("00:00:33")]
    public void A_failover_timeout_outside_half_a_second_to_the_transaction_timeout_is_reported(string timeout) =>
        new TrunkOptions { FailoverTimeout = TimeSpan.Parse(timeout) }.Validate().ShouldHaveSingleItem().ShouldStartWith("Trunks:FailoverTimeout");
}
