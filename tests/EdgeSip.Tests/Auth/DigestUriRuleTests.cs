using Pbx.EdgeSip.Auth;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Auth;

public sealed class DigestUriRuleTests
{
    [Theory]
    [InlineData("sip:1002@127.0.0.1:5060", "sip:1002@127.0.0.1:5060")]
    // sipp's default: the server's address, no user, whatever the request calls.
    [InlineData("sip:127.0.0.1:5060", "sip:1002@127.0.0.1:5060")]
    [InlineData("sip:127.0.0.1:5060", "sip:127.0.0.1:5060;transport=tcp")]
    // The default port written or left out; host and scheme in another case.
    [InlineData("sip:pbx.test", "sip:pbx.test:5060")]
    [InlineData("sips:1002@pbx.test:5061", "sips:1002@pbx.test")]
    [InlineData("SIP:1002@PBX.Test", "sip:1002@pbx.test")]
    // URI parameters and headers, and a password in the userinfo, are not part of the resource.
    [InlineData("sip:1002@pbx.test;user=phone", "sip:1002@pbx.test;transport=udp")]
    [InlineData("sip:1002@pbx.test?subject=x", "sip:1002@pbx.test")]
    [InlineData("sip:1002:secret@pbx.test", "sip:1002@pbx.test")]
    [InlineData("sip:1002@[::1]:5060", "sip:1002@[::1]")]
    public void Digest_uri_naming_the_same_resource_is_accepted(string digestUri, string requestUri) =>
        DigestUriRule.Matches(digestUri, requestUri).ShouldBeTrue();

    [Theory]
    // Another callee than the one the agent signed: the response would move the call (RFC 2617 3.2.2.5).
    [InlineData("sip:1003@127.0.0.1:5060", "sip:1002@127.0.0.1:5060")]
    [InlineData("sip:Alice@pbx.test", "sip:alice@pbx.test")]
    [InlineData("sip:1002@pbx.test", "sip:pbx.test")]
    // Another server, port or scheme.
    [InlineData("sip:127.0.0.2:5060", "sip:1002@127.0.0.1:5060")]
    [InlineData("sip:127.0.0.1:5070", "sip:1002@127.0.0.1:5060")]
    [InlineData("sip:pbx.test", "sip:pbx.test:5061")]
    [InlineData("sips:pbx.test", "sip:pbx.test")]
    [InlineData("sip:1002@[::1]:5060", "sip:1002@[::2]")]
    // Not a SIP URI, or not one at all.
    [InlineData("tel:1002", "sip:1002@pbx.test")]
    [InlineData("sip:1002@pbx.test", "tel:1002")]
    [InlineData("/dir/index.html", "sip:pbx.test")]
    [InlineData("sip:", "sip:pbx.test")]
    [InlineData("sip:pbx.test:", "sip:pbx.test")]
    [InlineData("sip:pbx.test:+5060", "sip:pbx.test")]
    [InlineData("sip:[::1", "sip:pbx.test")]
    public void Digest_uri_naming_another_resource_is_refused(string digestUri, string requestUri) =>
        DigestUriRule.Matches(digestUri, requestUri).ShouldBeFalse();
}
