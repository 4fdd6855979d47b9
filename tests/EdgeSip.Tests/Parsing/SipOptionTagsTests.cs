using System.Text;
using Pbx.EdgeSip.Parsing;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Parsing;

/// <summary>Option tags in Supported and Require (RFC 3261 19.2).</summary>
public sealed class SipOptionTagsTests
{
    [Theory]
    [InlineData("Supported: timer, 100REL\r\n", true)]
    [InlineData("Supported: timer\r\nk: replaces,100rel\r\n", true)]
    [InlineData("Supported: 100relx, timer\r\n", false)]
    [InlineData("", false)]
    public void Supported_lists_a_tag_in_any_line_and_case(string headers, bool listed) =>
        SipOptionTags.Lists(Invite(headers), SipHeaderId.Supported, SipOptionTags.Reliable).ShouldBe(listed);

    [Fact]
    public void Unsupported_names_only_the_required_tags_outside_the_supported_set()
    {
        var supported = new HashSet<string>([SipOptionTags.Reliable, SipOptionTags.Timer], StringComparer.OrdinalIgnoreCase);

        SipOptionTags.Unsupported(Invite("Require: 100rel, Timer\r\n"), supported).ShouldBeNull();
        SipOptionTags.Unsupported(Invite("Require: 100rel, foo\r\nRequire: bar\r\n"), supported).ShouldBe("foo, bar");
    }

    private static SipRequest Invite(string headers) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(
        SipMessages.Invite().Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + headers, StringComparison.Ordinal)));
}
