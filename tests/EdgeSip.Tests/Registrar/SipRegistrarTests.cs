using System.Net;
using System.Net.Sockets;
using System.Text;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Auth;
using Pbx.EdgeSip.Tests.Hosting;
using Pbx.Grains.Extensions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>REGISTER over real loopback sockets to the edge, with the real grain and PostgreSQL behind it.</summary>
public sealed class SipRegistrarTests
{
    private const string RequestUri = "sip:pbx.test";
    // Linux routes all of 127.0.0.0/8 to loopback, so "phones" on different addresses are real distinct sources.
    private static readonly IPAddress PhoneAddress = IPAddress.Parse("127.0.0.10");
    private static readonly IPAddress AttackerAddress = IPAddress.Parse("127.0.0.66");

    private int _branch;

    [Fact]
    public async Task Unauthenticated_register_is_challenged_with_MD5_alone_by_default()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("401", password: "pw-401");
        using var phone = UdpPhone(PhoneAddress);

        var response = await SendAsync(phone, host, Register("401", phone, cseq: 1));

        response.StatusCode.ShouldBe(401);
        var challenge = response.GetAll(SipHeaderId.WwwAuthenticate).ShouldHaveSingleItem();
        challenge.ShouldContain("algorithm=MD5");
        challenge.ShouldContain("realm=\"pbx.test\"");
    }

    [Fact]
    public async Task Register_from_an_agent_named_in_Sha256UserAgents_is_challenged_with_SHA_256_then_MD5()
    {
        await using var host = await RegistrarHost.StartAsync(PostgresServer.Shared.CreateDatabase("reg"),
            new Dictionary<string, string?> { ["Sip:Auth:Sha256UserAgents:0"] = "Registrar*" });
        await host.Extensions.AddAsync("401", password: "pw-401");
        using var phone = UdpPhone(PhoneAddress);

        var response = await SendAsync(phone, host, Register("401", phone, cseq: 1));

        var challenges = response.GetAll(SipHeaderId.WwwAuthenticate);
        challenges.Count.ShouldBe(2);
        challenges[0].ShouldContain("algorithm=SHA-256");
        challenges[1].ShouldContain("algorithm=MD5");
        (await RegisterAsync(phone, host, "401", "pw-401", "SHA-256")).StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public async Task Register_with_the_right_password_gets_200_listing_the_binding_with_Date(string algorithm)
    {
        await using var host = await StartAsync();
        var number = algorithm == "MD5" ? "402" : "403";
        await host.Extensions.AddAsync(number, password: "pw");
        using var phone = UdpPhone(PhoneAddress);

        var response = await RegisterAsync(phone, host, number, "pw", algorithm);

        response.StatusCode.ShouldBe(200);
        response.Get(SipHeaderId.Contact).ShouldBe($"<sip:{number}@{phone.Local}>;expires=600");
        response.Get(SipHeaderId.Date).ShouldNotBeNull();
        var binding = (await host.Grains.GetGrain<IExtensionGrain>(number).GetBindingsAsync()).ShouldHaveSingleItem();
        (binding.SourceAddress, binding.SourcePort, binding.Transport, binding.EdgeNodeId).ShouldBe(("127.0.0.10", phone.Local.Port, "udp", "edge-test"));
    }

    [Fact]
    public async Task Register_over_tcp_stores_the_tcp_transport()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("409", password: "pw");
        using var phone = await SipProbe.TcpAsync(host.Tcp);

        var challenge = await SendTcpAsync(phone, Register("409", phone, cseq: 1, transport: "TCP"));
        var nonce = DigestClient.NonceOf(challenge.GetAll(SipHeaderId.WwwAuthenticate)[0]);
        var authorization = DigestClient.Authorization("SHA-256", "409", RegistrarHost.Realm, "pw", nonce, "REGISTER", RequestUri, 1);
        (await SendTcpAsync(phone, Register("409", phone, cseq: 2, authorization: authorization, transport: "TCP"))).StatusCode.ShouldBe(200);

        (await host.Grains.GetGrain<IExtensionGrain>("409").GetBindingsAsync()).ShouldHaveSingleItem().Transport.ShouldBe("tcp");
    }

    [Fact]
    public async Task Path_is_stored_with_the_binding_and_echoed_in_the_200()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("410", password: "pw");
        using var phone = UdpPhone(PhoneAddress);
        const string path = "Path: <sip:proxy1.example;lr>, <sip:proxy2.example;lr>\r\n";

        var challenge = await SendAsync(phone, host, Register("410", phone, cseq: 1, extraHeaders: path));
        var nonce = DigestClient.NonceOf(challenge.GetAll(SipHeaderId.WwwAuthenticate)[0]);
        var authorization = DigestClient.Authorization("SHA-256", "410", RegistrarHost.Realm, "pw", nonce, "REGISTER", RequestUri, 1);
        var response = await SendAsync(phone, host, Register("410", phone, cseq: 2, authorization: authorization, extraHeaders: path));

        // RFC 3327 5.3.
        response.StatusCode.ShouldBe(200);
        response.Get("Path").ShouldBe("<sip:proxy1.example;lr>");
        (await host.Grains.GetGrain<IExtensionGrain>("410").GetBindingsAsync()).ShouldHaveSingleItem().Path
            .ShouldBe(["<sip:proxy1.example;lr>", "<sip:proxy2.example;lr>"]);
    }

    [Fact]
    public async Task Register_below_min_expires_gets_423_with_Min_Expires()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("404", password: "pw");
        using var phone = UdpPhone(PhoneAddress);

        var response = await RegisterAsync(phone, host, "404", "pw", expires: 30);

        response.StatusCode.ShouldBe(423);
        response.Get(SipHeaderId.MinExpires).ShouldBe("60");
    }

    [Fact]
    public async Task An_unknown_number_is_answered_exactly_as_a_real_extension_with_a_wrong_password()
    {
        // svwar tells extensions apart by their answers: 401 for a real one and 404 for the rest gave every number away.
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("498", password: "pw-498");
        using var scanner = UdpPhone(AttackerAddress);

        var real = await SendAsync(scanner, host, Register("498", scanner, cseq: 1));
        var unknown = await SendAsync(scanner, host, Register("499", scanner, cseq: 2));

        (unknown.StatusCode, unknown.ReasonPhrase).ShouldBe((real.StatusCode, real.ReasonPhrase));
        unknown.GetAll(SipHeaderId.WwwAuthenticate).Select(Challenge).ShouldBe(real.GetAll(SipHeaderId.WwwAuthenticate).Select(Challenge));
        (await RegisterAsync(scanner, host, "499", "guess", cseq: 10)).StatusCode.ShouldBe(401, "a guess at an unknown number is a wrong password");
        (await RegisterAsync(scanner, host, "498", "guess", cseq: 20)).StatusCode.ShouldBe(401, "as a guess at a real one is");
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_out_the_source_and_the_extension_but_not_its_registered_phone_or_others()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("405", password: "pw-405");
        await host.Extensions.AddAsync("406", password: "pw-406");
        using var phone = UdpPhone(PhoneAddress);
        using var attacker = UdpPhone(AttackerAddress);
        (await RegisterAsync(phone, host, "405", "pw-405")).StatusCode.ShouldBe(200);

        for (var i = 1; i < RegistrarHost.MaxFailures; i++)
            (await RegisterAsync(attacker, host, "405", "guess", cseq: (uint)(10 * i))).StatusCode.ShouldBe(401);
        (await RegisterAsync(attacker, host, "405", "guess", cseq: 100)).StatusCode.ShouldBe(403);
        (await RegisterAsync(attacker, host, "405", "pw-405", cseq: 110)).StatusCode.ShouldBe(403, "locked out even with the right password");

        (await RegisterAsync(phone, host, "405", "pw-405", cseq: 5)).StatusCode.ShouldBe(200, "the registered phone keeps working");
        (await RegisterAsync(phone, host, "406", "pw-406")).StatusCode.ShouldBe(200, "other extensions keep working");
        (await host.Grains.GetGrain<IExtensionGrain>("405").GetStatusAsync()).Lockout.LockedUntil.ShouldNotBeNull();

        host.Time.Advance(RegistrarHost.LockoutDuration);
        (await RegisterAsync(attacker, host, "405", "pw-405", cseq: 120)).StatusCode.ShouldBe(200, "the lockout ends after its duration");
    }

    [Fact]
    public async Task Extension_disabled_after_registering_is_challenged_and_its_password_no_longer_accepted()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("409", password: "pw-409");
        using var phone = UdpPhone(PhoneAddress);
        (await RegisterAsync(phone, host, "409", "pw-409")).StatusCode.ShouldBe(200);

        await host.Extensions.SetEnabledAsync("409", enabled: false);
        await host.Grains.GetGrain<IExtensionGrain>("409").ReloadAsync();

        // The challenge needs only the realm, so the edge answers it for a number it has seen; the credentials then meet the grain.
        (await SendAsync(phone, host, Register("409", phone, cseq: 10))).StatusCode.ShouldBe(401);
        // Answered as an unknown number is: its password fails like a wrong one, so a disabled extension cannot be told apart.
        (await RegisterAsync(phone, host, "409", "pw-409", cseq: 11)).StatusCode.ShouldBe(401);
        (await host.Grains.GetGrain<IExtensionGrain>("409").GetBindingsAsync()).ShouldBeEmpty("disabling dropped its registration");
    }

    [Fact]
    public async Task Credentials_of_another_extension_are_refused()
    {
        await using var host = await StartAsync();
        await host.Extensions.AddAsync("407", password: "pw-407");
        await host.Extensions.AddAsync("408", password: "pw-408");
        using var phone = UdpPhone(PhoneAddress);

        var challenge = await SendAsync(phone, host, Register("407", phone, cseq: 1));
        var nonce = DigestClient.NonceOf(challenge.GetAll(SipHeaderId.WwwAuthenticate)[0]);
        var authorization = DigestClient.Authorization("SHA-256", "408", RegistrarHost.Realm, "pw-408", nonce, "REGISTER", RequestUri, 1);

        (await SendAsync(phone, host, Register("407", phone, cseq: 2, authorization: authorization))).StatusCode.ShouldBe(403);
    }

    // Each test gets its own database so extension numbers and lockouts never meet.
    private static Task<RegistrarHost> StartAsync() => RegistrarHost.StartAsync(PostgresServer.Shared.CreateDatabase("reg"));

    // A challenge without its nonce and opaque, which differ per challenge anyway.
    private static string Challenge(string header) =>
        System.Text.RegularExpressions.Regex.Replace(header, "(nonce|opaque)=\"[^\"]*\"", "$1=\"\"");

    private static SipProbe UdpPhone(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return SipProbe.Adopt(socket);
    }

    private async Task<SipResponse> RegisterAsync(SipProbe phone, RegistrarHost host, string number, string password,
        string algorithm = "SHA-256", int expires = 600, uint cseq = 1)
    {
        var challenge = await SendAsync(phone, host, Register(number, phone, cseq, expires));
        if (challenge.StatusCode != 401)
            return challenge;
        var nonce = DigestClient.NonceOf(challenge.GetAll(SipHeaderId.WwwAuthenticate)[0]);
        var authorization = DigestClient.Authorization(algorithm, number, RegistrarHost.Realm, password, nonce, "REGISTER", RequestUri, 1);
        return await SendAsync(phone, host, Register(number, phone, cseq + 1, expires, authorization));
    }

    private static async Task<SipResponse> SendAsync(SipProbe phone, RegistrarHost host, string text)
    {
        await phone.SendToAsync(text, host.Udp);
        return (SipResponse)await phone.ReceiveDatagramAsync();
    }

    private static async Task<SipResponse> SendTcpAsync(SipProbe phone, string text)
    {
        await phone.SendAsync(text);
        return (SipResponse)await phone.ReceiveStreamAsync();
    }

    private string Register(string number, SipProbe phone, uint cseq, int expires = 600, string? authorization = null, string transport = "UDP",
        string extraHeaders = "")
    {
        var local = phone.Local;
        var text = new StringBuilder()
            .Append($"REGISTER {RequestUri} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/{transport} {local};branch=z9hG4bKreg{Interlocked.Increment(ref _branch)};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"From: <sip:{number}@pbx.test>;tag=reg{number}\r\n")
            .Append($"To: <sip:{number}@pbx.test>\r\n")
            .Append($"Call-ID: reg-{number}-{local}\r\n")
            .Append($"CSeq: {cseq} REGISTER\r\n")
            .Append($"Contact: <sip:{number}@{local}>\r\n")
            .Append($"Expires: {expires}\r\n")
            .Append("User-Agent: RegistrarTest\r\n")
            .Append(extraHeaders);
        if (authorization is not null)
            text.Append($"Authorization: {authorization}\r\n");
        return text.Append("Content-Length: 0\r\n\r\n").ToString();
    }
}
