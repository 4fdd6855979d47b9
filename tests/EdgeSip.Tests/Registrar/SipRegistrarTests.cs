using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Auth;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>The REGISTER handler behind the real transaction layer, with the real grain and PostgreSQL.</summary>
public sealed class SipRegistrarTests
{
    private const string RequestUri = "sip:pbx.test";
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.10"), 5060));
    private static readonly SipEndPoint Attacker = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.66"), 5060));

    private readonly RecordingSender _sender = new();
    private int _branch;

    [Fact]
    public async Task Unauthenticated_register_is_challenged_with_SHA_256_then_MD5()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("401", password: "pw-401");

        var response = await SendAsync(host, Register("401", Phone, cseq: 1), Phone);

        response.StatusCode.ShouldBe(401);
        var challenges = response.GetAll(SipHeaderId.WwwAuthenticate);
        challenges.Count.ShouldBe(2);
        challenges[0].ShouldContain("algorithm=SHA-256");
        challenges[1].ShouldContain("algorithm=MD5");
        challenges[0].ShouldContain("realm=\"pbx.test\"");
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public async Task Register_with_the_right_password_gets_200_listing_the_binding_with_Date(string algorithm)
    {
        await using var host = await StartAsync();
        var number = algorithm == "MD5" ? "402" : "403";
        await host.Extensions.AddAsync(number, password: "pw");

        var response = await RegisterAsync(host, number, "pw", Phone, algorithm);

        response.StatusCode.ShouldBe(200);
        response.Get(SipHeaderId.Contact).ShouldBe($"<sip:{number}@127.0.0.10:5060>;expires=600");
        response.Get(SipHeaderId.Date).ShouldNotBeNull();
        var binding = (await host.Grains.GetGrain<Grains.Extensions.IExtensionGrain>(number).GetBindingsAsync()).ShouldHaveSingleItem();
        (binding.SourceAddress, binding.SourcePort, binding.Transport, binding.EdgeNodeId).ShouldBe(("127.0.0.10", 5060, "udp", "edge-test"));
    }

    [Fact]
    public async Task Register_below_min_expires_gets_423_with_Min_Expires()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("404", password: "pw");

        var response = await RegisterAsync(host, "404", "pw", Phone, expires: 30);

        response.StatusCode.ShouldBe(423);
        response.Get(SipHeaderId.MinExpires).ShouldBe("60");
    }

    [Fact]
    public async Task Unknown_extension_gets_404()
    {
        await using var host = await StartAsync();
        (await SendAsync(host, Register("499", Phone, cseq: 1), Phone)).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_out_the_source_and_the_extension_but_not_its_registered_phone_or_others()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("405", password: "pw-405");
        await host.Extensions.AddAsync("406", password: "pw-406");
        (await RegisterAsync(host, "405", "pw-405", Phone)).StatusCode.ShouldBe(200);

        for (var i = 1; i < RegistrarHost.MaxFailures; i++)
            (await RegisterAsync(host, "405", "guess", Attacker)).StatusCode.ShouldBe(401);
        (await RegisterAsync(host, "405", "guess", Attacker)).StatusCode.ShouldBe(403);
        (await RegisterAsync(host, "405", "pw-405", Attacker)).StatusCode.ShouldBe(403, "locked out even with the right password");

        (await RegisterAsync(host, "405", "pw-405", Phone, cseq: 5)).StatusCode.ShouldBe(200, "the registered phone keeps working");
        (await RegisterAsync(host, "406", "pw-406", Phone)).StatusCode.ShouldBe(200, "other extensions keep working");
        var status = await host.Grains.GetGrain<Grains.Extensions.IExtensionGrain>("405").GetStatusAsync();
        status.Lockout.LockedUntil.ShouldNotBeNull();

        host.Time.Advance(RegistrarHost.LockoutDuration);
        (await RegisterAsync(host, "405", "pw-405", Attacker, cseq: 7)).StatusCode.ShouldBe(200, "the lockout ends after its duration");
    }

    [Fact]
    public async Task Credentials_of_another_extension_are_refused()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("407", password: "pw-407");
        await host.Extensions.AddAsync("408", password: "pw-408");

        var challenge = await SendAsync(host, Register("407", Phone, cseq: 1), Phone);
        var nonce = DigestClient.NonceOf(challenge.GetAll(SipHeaderId.WwwAuthenticate)[0]);
        var authorization = DigestClient.Authorization("SHA-256", "408", RegistrarHost.Realm, "pw-408", nonce, "REGISTER", RequestUri, 1);

        (await SendAsync(host, Register("407", Phone, cseq: 2, authorization: authorization), Phone)).StatusCode.ShouldBe(403);
    }

    // Each test gets its own database so extension numbers and lockouts never meet.
    private static Task<RegistrarHost> StartAsync() => RegistrarHost.StartAsync(PostgresServer.Shared.CreateDatabase("reg"));

    private async Task<SipResponse> RegisterAsync(RegistrarHost host, string number, string password, SipEndPoint source,
        string algorithm = "SHA-256", int expires = 600, uint cseq = 1)
    {
        var challenge = await SendAsync(host, Register(number, source, cseq, expires), source);
        if (challenge.StatusCode != 401)
            return challenge;
        var nonce = DigestClient.NonceOf(challenge.GetAll(SipHeaderId.WwwAuthenticate)[0]);
        var authorization = DigestClient.Authorization(algorithm, number, RegistrarHost.Realm, password, nonce, "REGISTER", RequestUri, 1);
        return await SendAsync(host, Register(number, source, cseq + 1, expires, authorization), source);
    }

    private async Task<SipResponse> SendAsync(RegistrarHost host, string text, SipEndPoint source)
    {
        var layer = new SipTransactionLayer(_sender, host.Time, Options.Create(new SipTimerOptions()), NullLogger<SipTransactionLayer>.Instance)
        {
            OnRequest = host.Registrar.HandleAsync,
        };
        var before = _sender.Responses.Count;
        await layer.ReceiveRequestAsync((SipRequest)SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text)), source);
        var responses = _sender.Responses;
        responses.Count.ShouldBe(before + 1, "the registrar answers every REGISTER once, before the handler returns");
        return responses[^1];
    }

    private string Register(string number, SipEndPoint source, uint cseq, int expires = 600, string? authorization = null)
    {
        var host = $"{source.Remote.Address}:{source.Remote.Port}";
        var text = new StringBuilder()
            .Append($"REGISTER {RequestUri} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/UDP {host};branch=z9hG4bKreg{Interlocked.Increment(ref _branch)};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"From: <sip:{number}@pbx.test>;tag=reg{number}\r\n")
            .Append($"To: <sip:{number}@pbx.test>\r\n")
            .Append($"Call-ID: reg-{number}-{host}\r\n")
            .Append($"CSeq: {cseq} REGISTER\r\n")
            .Append($"Contact: <sip:{number}@{host}>\r\n")
            .Append($"Expires: {expires}\r\n")
            .Append("User-Agent: RegistrarTest\r\n");
        if (authorization is not null)
            text.Append($"Authorization: {authorization}\r\n");
        return text.Append("Content-Length: 0\r\n\r\n").ToString();
    }
}
