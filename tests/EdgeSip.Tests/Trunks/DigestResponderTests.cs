using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Trunks;

public sealed class DigestResponderTests
{
    [Fact]
    public void RFC_2617_section_3_5_MD5_example_is_answered_with_the_published_response()
    {
        var outcome = DigestResponder.TryAnswer(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            "GET", "/dir/index.html", new TrunkSecret("Mufasa", "Circle Of Life"), "0a4f113b", 1, out var authorization);

        outcome.ShouldBe(DigestAnswerOutcome.Answered);
        authorization.ShouldContain("response=\"6629fae49393a05397450978507c4ef1\"");
        authorization.ShouldContain("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        authorization.ShouldContain("nc=00000001");
    }

    [Fact]
    public void RFC_7616_section_3_9_1_SHA256_example_is_answered_with_the_published_response()
    {
        var outcome = DigestResponder.TryAnswer(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            "GET", "/dir/index.html", new TrunkSecret("Mufasa", "Circle of Life"), "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1, out var authorization);

        outcome.ShouldBe(DigestAnswerOutcome.Answered);
        authorization.ShouldContain("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public void Our_answer_to_the_edge_own_challenge_verifies(string algorithm)
    {
        var time = new ManualTimeProvider();
        // Both algorithms offered, so the responder is tested against each challenge the edge can send.
        var options = Options.Create(new DigestOptions { NonceLifetime = TimeSpan.FromMinutes(5), NonceCountCapacity = 64, OfferSha256 = true });
        var server = new DigestAuthenticator(new DigestNonces(time, options), new NonceCountTable(options), time, options);
        var challenge = server.Challenge("carrier.test", stale: false, userAgent: "");
        var secret = new TrunkSecret("0912345678", "trunk-pass");

        DigestResponder.TryAnswer(algorithm == "MD5" ? challenge.Md5 : challenge.Sha256!, "INVITE", "sip:+358401234567@carrier.test",
            secret, "c0ffee", 1, out var authorization).ShouldBe(DigestAnswerOutcome.Answered);

        DigestCredentials.TryParse(authorization, out var credentials).ShouldBeTrue();
        var stored = new ExtensionCredentials("carrier.test", Ha1("MD5", "0912345678:carrier.test:trunk-pass"),
            Ha1("SHA-256", "0912345678:carrier.test:trunk-pass"), true, false);
        server.Verify(credentials, "INVITE", "sip:+358401234567@carrier.test", stored).ShouldBe(DigestVerdict.Valid);
    }

    [Fact]
    public void Stored_HA1_answers_its_own_realm_only()
    {
        var ha1 = Ha1("MD5", "Mufasa:testrealm@host.com:Circle Of Life");
        var secret = new TrunkSecret("Mufasa", null, "testrealm@host.com", ha1);
        const string Challenge = "Digest realm=\"testrealm@host.com\", qop=\"auth\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"";

        DigestResponder.TryAnswer(Challenge, "GET", "/dir/index.html", secret, "0a4f113b", 1, out var authorization).ShouldBe(DigestAnswerOutcome.Answered);
        authorization.ShouldContain("response=\"6629fae49393a05397450978507c4ef1\"");
        DigestResponder.TryAnswer(Challenge.Replace("testrealm@host.com", "other"), "GET", "/dir/index.html", secret, "0a4f113b", 1, out _)
            .ShouldBe(DigestAnswerOutcome.RealmMismatch);
    }

    [Fact]
    public void Challenge_without_qop_gets_the_RFC_2069_response()
    {
        // RFC 2069 form: H(HA1:nonce:HA2), no nc or cnonce.
        DigestResponder.TryAnswer("Digest realm=\"r\", nonce=\"n\"", "REGISTER", "sip:carrier.test", new TrunkSecret("u", "p"), "x", 1, out var authorization)
            .ShouldBe(DigestAnswerOutcome.Answered);

        var expected = Ha1("MD5", $"{Ha1("MD5", "u:r:p")}:n:{Ha1("MD5", "REGISTER:sip:carrier.test")}");
        authorization.ShouldContain($"response=\"{expected}\"");
        authorization.ShouldNotContain("cnonce");
    }

    [Theory]
    [InlineData("Basic realm=\"r\"", DigestAnswerOutcome.Malformed)]
    [InlineData("Digest nonce=\"n\"", DigestAnswerOutcome.Malformed)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess", DigestAnswerOutcome.Unsupported)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", DigestAnswerOutcome.Unsupported)]
    public void Challenges_we_cannot_answer_are_named(string challenge, DigestAnswerOutcome expected) =>
        DigestResponder.TryAnswer(challenge, "REGISTER", "sip:c", new TrunkSecret("u", "p"), "x", 1, out _).ShouldBe(expected);

    [Fact]
    public void First_supported_challenge_is_chosen_in_the_carriers_order() =>
        DigestResponder.Choose(["Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256", "Digest realm=\"r\", nonce=\"n\""])
            .ShouldBe("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256");

    [Fact]
    public void Secret_never_prints_its_password() =>
        new TrunkSecret("u", "hunter2").ToString().ShouldNotContain("hunter2");

    private static string Ha1(string algorithm, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(algorithm == "SHA-256" ? System.Security.Cryptography.SHA256.HashData(bytes) : System.Security.Cryptography.MD5.HashData(bytes));
    }
}
