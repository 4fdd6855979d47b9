using Pbx.EdgeSip.Calls;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls;

public sealed class SipReferToTests
{
    [Theory]
    [InlineData("<sip:2003@pbx>", "2003")]
    [InlineData("sip:2003@127.0.0.1:5060", "2003")]
    [InlineData("\"Reception\" <sip:2003@pbx;transport=udp>", "2003")]
    public void Blind_refer_to_gives_the_target_number(string value, string target)
    {
        SipReferTo.TryParse(value, out var number, out var replaces).ShouldBeTrue();
        (number, replaces).ShouldBe((target, null));
    }

    [Fact]
    public void Replaces_in_the_uri_headers_is_unescaped_into_the_dialog()
    {
        // RFC 3891 section 6.1 and the example of RFC 5589 section 7: "?Replaces=" with ";" and "=" escaped.
        SipReferTo.TryParse("<sip:2004@pbx?Replaces=abc%40host%3Bto-tag%3D7743%3Bfrom-tag%3D6472>", out var number, out var replaces).ShouldBeTrue();
        number.ShouldBe("2004");
        replaces.ShouldBe(new Grains.Calls.ReplacesDialog("abc@host", "7743", "6472"));
    }

    [Theory]
    [InlineData("<sip:pbx>")]
    [InlineData("<sip:2004@pbx")]
    [InlineData("<sip:2004@pbx?Replaces=abc%40host%3Bto-tag%3D7743>")]
    public void Refer_to_without_a_user_or_with_an_incomplete_replaces_is_refused(string value) =>
        SipReferTo.TryParse(value, out _, out _).ShouldBeFalse();
}
