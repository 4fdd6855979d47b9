using System.Text;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    private const string Realm = "pbx.test";
    private const string RequestUri = "sip:pbx.test";
    private const string UserAgent = "baresip v1.0.0 (x86_64/linux)";
    private static readonly ExtensionCredentials Ext100 = Stored("100", Realm, "s3cret-100");

    private readonly ManualTimeProvider _time = new();
    private readonly DigestAuthenticator _auth;

    public DigestAuthenticatorTests()
    {
        var options = Options.Create(new DigestOptions { NonceLifetime = TimeSpan.FromMinutes(5), NonceCountCapacity = 1024 });
        _auth = new DigestAuthenticator(new DigestNonces(_time, options), new NonceCountTable(options), _time, options);
    }

    [Fact]
    public void RFC_2617_section_3_5_MD5_example_response_is_reproduced()
    {
        DigestCredentials.TryParse(
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
            + "uri=\"/dir/index.html\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\"",
            out var c).ShouldBeTrue();
        var stored = Stored("Mufasa", "testrealm@host.com", "Circle Of Life");

        ExpectedResponse(c, "GET", stored.Ha1Md5).ShouldBe("6629fae49393a05397450978507c4ef1");
        // A correct digest over a nonce this process never issued is stale, not a wrong password (RFC 7616 3.3).
        _auth.Verify(c, "GET", "/dir/index.html", stored).ShouldBe(DigestVerdict.StaleNonce);
        _auth.Verify(c, "GET", "/dir/index.html", Stored("Mufasa", "testrealm@host.com", "Circle of Life")).ShouldBe(DigestVerdict.WrongResponse);
    }

    [Fact]
    public void RFC_7616_section_3_9_1_SHA_256_example_response_is_reproduced()
    {
        DigestCredentials.TryParse(
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
            + "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
            + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            out var c).ShouldBeTrue();
        var stored = Stored("Mufasa", "http-auth@example.org", "Circle of Life");

        ExpectedResponse(c, "GET", stored.Ha1Sha256).ShouldBe("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        _auth.Verify(c, "GET", "/dir/index.html", stored).ShouldBe(DigestVerdict.StaleNonce);
    }

    [Fact]
    public void Challenge_offers_MD5_alone_by_default_and_still_accepts_SHA_256()
    {
        var challenge = _auth.Challenge(Realm, stale: false, UserAgent);

        challenge.Sha256.ShouldBeNull("baresip and sipp fail on a first challenge they cannot answer");
        challenge.Md5.ShouldStartWith($"Digest realm=\"{Realm}\", nonce=\"");
        challenge.Md5.ShouldContain("algorithm=MD5");
        challenge.Md5.ShouldContain("qop=\"auth\"");
        challenge.Md5.ShouldNotContain("stale");
        _auth.Challenge(Realm, stale: true, UserAgent).Md5.ShouldEndWith("stale=true");
        DigestCredentials.TryParse(
            DigestClient.Authorization("SHA-256", "100", Realm, "s3cret-100", DigestClient.NonceOf(challenge.Md5), "REGISTER", RequestUri, 1),
            out var c).ShouldBeTrue();
        _auth.Verify(c, "REGISTER", RequestUri, Ext100).ShouldBe(DigestVerdict.Valid);
    }

    [Fact]
    public void Challenge_offers_SHA_256_before_MD5_with_one_nonce_when_switched_on()
    {
        // The RFC 8760 order, asked for explicitly: the default offers MD5 alone.
        var options = Options.Create(new DigestOptions { OfferSha256 = true, NonceCountCapacity = 1024 });
        var auth = new DigestAuthenticator(new DigestNonces(_time, options), new NonceCountTable(options), _time, options);

        var challenge = auth.Challenge(Realm, stale: false, UserAgent);

        challenge.Sha256.ShouldNotBeNull();
        challenge.Sha256.ShouldStartWith($"Digest realm=\"{Realm}\", nonce=\"");
        challenge.Sha256.ShouldContain("algorithm=SHA-256");
        challenge.Sha256.ShouldContain("qop=\"auth\"");
        challenge.Md5.ShouldContain("algorithm=MD5");
        DigestClient.NonceOf(challenge.Md5).ShouldBe(DigestClient.NonceOf(challenge.Sha256!));
        auth.Challenge(Realm, stale: true, UserAgent).Sha256!.ShouldEndWith("stale=true");
        DigestClient.NonceOf(auth.Challenge(Realm, false, UserAgent).Sha256!).ShouldNotBe(DigestClient.NonceOf(challenge.Sha256!));
    }

    [Fact]
    public void Challenge_offers_SHA_256_to_an_agent_matching_a_User_Agent_pattern_only()
    {
        var options = Options.Create(new DigestOptions { Sha256UserAgents = ["Linphone*"], NonceCountCapacity = 1024 });
        var auth = new DigestAuthenticator(new DigestNonces(_time, options), new NonceCountTable(options), _time, options);

        auth.Challenge(Realm, stale: false, "Linphone/5.1.65 (belle-sip/5.1.64)").Sha256.ShouldNotBeNull();
        auth.Challenge(Realm, stale: false, UserAgent).Sha256.ShouldBeNull();
        auth.Challenge(Realm, stale: false, "").Sha256.ShouldBeNull("a request without User-Agent");
    }

    [Fact]
    public void Digest_uri_naming_the_server_without_the_user_is_accepted_as_sipp_sends_it()
    {
        // sipp's default digest uri is sip:remote_ip:remote_port whatever it calls (DigestUriRule).
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        DigestCredentials.TryParse(
            DigestClient.Authorization("MD5", "100", Realm, "s3cret-100", nonce, "INVITE", "sip:127.0.0.1:5060", 1), out var c).ShouldBeTrue();

        _auth.Verify(c, "INVITE", "sip:1002@127.0.0.1:5060", Ext100).ShouldBe(DigestVerdict.Valid);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void Phone_answering_the_challenge_with_the_right_password_is_accepted(string algorithm)
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        Verify(DigestClient.Authorization(algorithm, "100", Realm, "s3cret-100", nonce, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.Valid);
    }

    [Fact]
    public void Wrong_password_is_a_wrong_response()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        Verify(DigestClient.Authorization("SHA-256", "100", Realm, "guess", nonce, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.WrongResponse);
    }

    [Fact]
    public void Response_for_another_realm_or_method_is_a_wrong_response()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        Verify(DigestClient.Authorization("MD5", "100", "other", "s3cret-100", nonce, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.WrongResponse);
        Verify(DigestClient.Authorization("MD5", "100", Realm, "s3cret-100", nonce, "INVITE", RequestUri, 1))
            .ShouldBe(DigestVerdict.WrongResponse);
    }

    [Fact]
    public void Digest_uri_naming_another_server_is_refused()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        Verify(DigestClient.Authorization("MD5", "100", Realm, "s3cret-100", nonce, "REGISTER", "sip:elsewhere", 1))
            .ShouldBe(DigestVerdict.UriMismatch);
    }

    [Fact]
    public void Expired_nonce_with_the_right_password_is_stale_and_a_fresh_one_works()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        _time.Advance(TimeSpan.FromMinutes(5));

        Verify(DigestClient.Authorization("SHA-256", "100", Realm, "s3cret-100", nonce, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.StaleNonce);
        var fresh = DigestClient.NonceOf(_auth.Challenge(Realm, true, UserAgent).Md5);
        Verify(DigestClient.Authorization("SHA-256", "100", Realm, "s3cret-100", fresh, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.Valid);
    }

    [Fact]
    public void Expired_nonce_with_a_wrong_password_is_still_a_wrong_response()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        _time.Advance(TimeSpan.FromHours(1));
        Verify(DigestClient.Authorization("SHA-256", "100", Realm, "guess", nonce, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.WrongResponse);
    }

    [Fact]
    public void Tampered_nonce_is_stale()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        var tampered = (nonce[0] == 'A' ? "B" : "A") + nonce[1..];
        Verify(DigestClient.Authorization("MD5", "100", Realm, "s3cret-100", tampered, "REGISTER", RequestUri, 1))
            .ShouldBe(DigestVerdict.StaleNonce);
    }

    [Fact]
    public void Replayed_nonce_count_is_refused_and_a_higher_one_accepted()
    {
        var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
        var first = DigestClient.Authorization("SHA-256", "100", Realm, "s3cret-100", nonce, "REGISTER", RequestUri, 1);

        Verify(first).ShouldBe(DigestVerdict.Valid);
        Verify(first).ShouldBe(DigestVerdict.ReplayedNonceCount);
        Verify(DigestClient.Authorization("SHA-256", "100", Realm, "s3cret-100", nonce, "REGISTER", RequestUri, 3))
            .ShouldBe(DigestVerdict.Valid);
        Verify(DigestClient.Authorization("SHA-256", "100", Realm, "s3cret-100", nonce, "REGISTER", RequestUri, 2))
            .ShouldBe(DigestVerdict.ReplayedNonceCount);
    }

    [Fact]
    public void Nonce_evicted_from_a_full_table_is_never_accepted_twice()
    {
        // 1,024 slots, many more nonces in use: older ones are evicted and must come back stale, not valid.
        var used = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var nonce = DigestClient.NonceOf(_auth.Challenge(Realm, false, UserAgent).Md5);
            var authorization = DigestClient.Authorization("MD5", "100", Realm, "s3cret-100", nonce, "REGISTER", RequestUri, 1);
            Verify(authorization).ShouldBe(DigestVerdict.Valid);
            used.Add(authorization);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
        foreach (var authorization in used)
            Verify(authorization).ShouldNotBe(DigestVerdict.Valid);
    }

    private DigestVerdict Verify(string authorization)
    {
        DigestCredentials.TryParse(authorization, out var c).ShouldBeTrue();
        return _auth.Verify(c, "REGISTER", RequestUri, Ext100);
    }

    private static string ExpectedResponse(in DigestCredentials c, string method, string ha1)
    {
        Span<byte> hex = stackalloc byte[64];
        var length = DigestAuthenticator.ComputeResponse(c, method, ha1, hex);
        return Encoding.ASCII.GetString(hex[..length]);
    }

    private static ExtensionCredentials Stored(string user, string realm, string password)
        => new(realm, SipCredentialHash.Md5(user, realm, password), SipCredentialHash.Sha256(user, realm, password), Enabled: true, LockedOut: false);
}
