using Pbx.EdgeSip.Auth;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Auth;

public sealed class DigestCredentialsTests
{
    // RFC 2617 section 3.5, as a phone would send it.
    private const string Rfc2617Example =
        "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
        + "uri=\"/dir/index.html\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
        + "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    [Fact]
    public void Parses_every_parameter_of_the_RFC_2617_example()
    {
        DigestCredentials.TryParse(Rfc2617Example, out var c).ShouldBeTrue();
        c.Username.ToString().ShouldBe("Mufasa");
        c.Realm.ToString().ShouldBe("testrealm@host.com");
        c.Nonce.ToString().ShouldBe("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        c.Uri.ToString().ShouldBe("/dir/index.html");
        c.Response.ToString().ShouldBe("6629fae49393a05397450978507c4ef1");
        c.Cnonce.ToString().ShouldBe("0a4f113b");
        c.NonceCount.ShouldBe(1u);
        c.Algorithm.ShouldBe(DigestAlgorithm.Md5);
    }

    [Fact]
    public void Accepts_SHA_256_any_case_and_quoted_qop_and_unquoted_uri()
    {
        const string value = "digest   username=\"100\",realm=\"pbx\" , nonce=\"n\", uri=sip:pbx.local, response=\"ab\","
            + " ALGORITHM=sha-256, qop=\"auth\", nc=0000000a, cnonce=\"c\"";
        DigestCredentials.TryParse(value, out var c).ShouldBeTrue();
        c.Algorithm.ShouldBe(DigestAlgorithm.Sha256);
        c.Uri.ToString().ShouldBe("sip:pbx.local");
        c.NonceCount.ShouldBe(10u);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("")]
    [InlineData("Digest")]
    // RFC 2069 style without qop: no nc, so no replay protection; refused.
    [InlineData("Digest username=\"100\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\"")]
    [InlineData("Digest username=\"100\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth-int, nc=00000001, cnonce=\"c\"")]
    [InlineData("Digest username=\"100\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth, nc=00000001, cnonce=\"c\", algorithm=MD5-sess")]
    [InlineData("Digest username=\"100\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth, nc=1, cnonce=\"c\"")]
    [InlineData("Digest username=\"100\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth, nc=00000000, cnonce=\"c\"")]
    [InlineData("Digest username=\"100\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth, nc=00000001, cnonce=\"c\", userhash=true")]
    [InlineData("Digest username=\"1\\\"00\", realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth, nc=00000001, cnonce=\"c\"")]
    [InlineData("Digest username=\"100, realm=\"pbx\"")]
    [InlineData("Digest username=\"100\" realm=\"pbx\", nonce=\"n\", uri=\"sip:pbx\", response=\"ab\", qop=auth, nc=00000001, cnonce=\"c\"")]
    public void Refuses_what_this_edge_does_not_offer_or_cannot_read(string value)
        => DigestCredentials.TryParse(value, out _).ShouldBeFalse();

    [Fact]
    public void Refuses_every_truncation_of_a_valid_value()
    {
        // Every proper prefix lacks at least the closing part of a required parameter.
        for (var length = 0; length < Rfc2617Example.Length - "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"".Length - 2; length++)
            DigestCredentials.TryParse(Rfc2617Example[..length], out _).ShouldBeFalse($"prefix of {length} characters");
    }
}
