using Pbx.EdgeSip.Calls.Reliable;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls.Reliable;

/// <summary>Which provisional responses go to the caller reliably (RFC 3262 section 3).</summary>
public sealed class SipReliablePolicyTests
{
    [Theory]
    [InlineData(183, true, true, false, true)]
    [InlineData(180, false, true, false, false)]
    [InlineData(180, false, true, true, true)]
    [InlineData(183, true, false, false, false)]
    [InlineData(100, false, true, true, false)]
    [InlineData(200, true, true, true, false)]
    public void Early_media_goes_reliably_to_a_caller_that_supports_100rel_and_everything_but_100_to_one_that_requires_it(
        int status, bool hasSdp, bool supports, bool requires, bool reliable) =>
        SipReliablePolicy.SendReliably(status, hasSdp, supports, requires).ShouldBe(reliable);
}
