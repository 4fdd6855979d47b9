using Pbx.EdgeSip.Auth;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Auth;

public sealed class Sha256OfferTests
{
    [Fact]
    public void Default_offers_SHA_256_to_no_agent()
    {
        var offer = new Sha256Offer(new DigestOptions());

        offer.AppliesTo("Linphone/5.1.65 (belle-sip/5.1.64)").ShouldBeFalse();
        offer.AppliesTo("").ShouldBeFalse();
    }

    [Fact]
    public void Global_switch_offers_SHA_256_to_every_agent() =>
        new Sha256Offer(new DigestOptions { OfferSha256 = true }).AppliesTo("baresip v1.0.0").ShouldBeTrue();

    [Theory]
    [InlineData("Linphone*", "Linphone/5.1.65 (belle-sip/5.1.64)", true)]
    [InlineData("linphone*", "LinphoneDesktop/5.2", true)]
    [InlineData("Linphone*", "baresip v1.0.0 (x86_64/linux)", false)]
    [InlineData("Linphone*", "", false)]
    [InlineData("*Yealink SIP-T4*", "Yealink SIP-T46S 66.86.0.15", true)]
    [InlineData("*Yealink SIP-T4*", "Yealink SIP-T58 58.86.0.5", false)]
    [InlineData("Zoiper", "Zoiper", true)]
    [InlineData("Zoiper", "Zoiper rv2.10", false)]
    [InlineData("*belle-sip*5.1*", "Linphone/5.1.65 (belle-sip/5.1.64)", true)]
    [InlineData("*sip/5*sip", "Linphone/5.1.65 (belle-sip/5.1.64)", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("*", "", true)]
    public void User_agent_pattern_matches_the_whole_header_with_stars_for_any_run(string pattern, string userAgent, bool offered) =>
        new Sha256Offer(new DigestOptions { Sha256UserAgents = [pattern] }).AppliesTo(userAgent).ShouldBe(offered);

    [Fact]
    public void Empty_or_overlong_pattern_is_refused_at_start_up_naming_its_key()
    {
        var errors = new DigestOptions { Sha256UserAgents = ["Linphone*", " ", new string('x', 201)] }.Validate();

        errors.Count.ShouldBe(2);
        errors[0].ShouldStartWith("Sip:Auth:Sha256UserAgents:1 ");
        errors[1].ShouldStartWith("Sip:Auth:Sha256UserAgents:2 ");
    }
}
