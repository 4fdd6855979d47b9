using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pbx.Certificates;
using Pbx.Data.Users;
using Pbx.Silo.Https;
using Pbx.Silo.Startup;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests.Startup;

/// <summary>
/// HTTPS and WSS on the PBX's own web server, from <c>https://</c> addresses in Urls: the real host on loopback ports,
/// real TLS clients that trust exactly the certificate the PBX is expected to present.
/// </summary>
public sealed class HttpsTests : IDisposable
{
    private const string Password = "https-test-password-1";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pbx-https-");

    [Fact]
    public async Task With_the_generated_certificate_sign_in_works_over_https_the_live_hub_over_wss_and_the_banner_shows_https()
    {
        var certificates = Path.Combine(_folder.FullName, "certs");
        await using var app = Build($"--Sip:Certificate:Directory={certificates}");
        await StartAsync(app);
        try
        {
            // What an administrator would import into a browser: the file generated at the first start.
            var expected = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(certificates, "sip-tls.crt")));
            var https = Address(app, "https");

            var token = await SignInAsync(https, expected);
            await ConnectLiveHubAsync(https, token, expected);

            var lines = app.Services.GetServices<IHostedService>().OfType<WelcomeBanner>().Single().Lines;
            lines[1].ShouldStartWith($"  Browser: {https}   API: {https}api/v1   (also {Address(app, "http")})");

            // Neither a redirect nor HSTS unless configured.
            using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            (await plain.GetAsync(new Uri(Address(app, "http"), "api/v1/calls"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await GetByNameAsync(https, expected)).Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_replaced_certificate_file_is_presented_on_the_next_connection_and_redirect_and_HSTS_apply_when_asked()
    {
        var (first, firstIntermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
        var (certificatePath, keyPath) = (Path.Combine(_folder.FullName, "fullchain.pem"), Path.Combine(_folder.FullName, "privkey.pem"));
        TestCertificates.WritePem(first, firstIntermediate, certificatePath, keyPath);
        await using var app = Build($"--Https:Certificate:Path={certificatePath}", $"--Https:Certificate:KeyPath={keyPath}", "--Https:RedirectHttp=true", "--Https:HstsMaxAge=30.00:00:00");
        await StartAsync(app);
        try
        {
            var https = Address(app, "https");
            await SignInAsync(https, first, firstIntermediate);

            var (renewed, renewedIntermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
            TestCertificates.WritePem(renewed, renewedIntermediate, certificatePath, keyPath);
            // What the periodic check (Https:Certificate:CheckInterval) does; CertificateStoreTests drive it by the clock.
            app.Services.GetRequiredService<HttpsCertificate>().Store.Reload().ShouldBeTrue();

            await SignInAsync(https, renewed, renewedIntermediate);
            using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            var redirected = await plain.GetAsync(new Uri(Address(app, "http"), "api/v1/system/info"));
            redirected.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
            redirected.Headers.Location.ShouldBe(new Uri(https, "api/v1/system/info"));
            (await plain.GetAsync(new Uri(Address(app, "http"), "health/live"))).StatusCode.ShouldBe(HttpStatusCode.OK, "probes are not redirected");
            (await GetByNameAsync(https, renewed)).Headers.GetValues("Strict-Transport-Security").ShouldBe(["max-age=2592000"]);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task An_https_certificate_that_cannot_be_read_stops_start_up_with_a_message_naming_the_key_and_the_file()
    {
        var missing = Path.Combine(_folder.FullName, "no-such.pem");
        await using var app = Build($"--Https:Certificate:Path={missing}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var refused = await Should.ThrowAsync<CertificateException>(() => app.StartAsync(timeout.Token));

        refused.Message.ShouldStartWith($"Https:Certificate:Path: cannot read {missing}");
        PbxApplication.IsOperatorFixable(refused).ShouldBeTrue("printed as one line, without a stack trace");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static WebApplication Build(params string[] settings) =>
        // The API and the silo it needs; no SIP edge or media, whose sockets have nothing to do with HTTPS.
        TestPbx.Build(new RoleOptions { Edge = false, Media = false }, ["--Urls=http://127.0.0.1:0;https://127.0.0.1:0", .. settings]);

    private static async Task StartAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.StartAsync(timeout.Token);
        await app.Services.GetRequiredService<UserRepository>().CreateAsync("https-admin", Password, "admin");
    }

    private static Uri Address(WebApplication app, string scheme) => new(app.Services.GetRequiredService<IServer>().Features
        .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single(a => a.StartsWith(scheme + "://", StringComparison.Ordinal)) + "/");

    /// <summary>
    /// Signs in over a new TLS connection that accepts only <paramref name="expected"/> as the server's certificate, sent
    /// with <paramref name="intermediate"/> when given (browsers other than Chrome do not fetch a missing one).
    /// </summary>
    private static async Task<string> SignInAsync(Uri https, X509Certificate2 expected, X509Certificate2? intermediate = null)
    {
        X509Certificate? presented = null;
        var sent = new List<string>();
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    presented = certificate;
                    // SslStream puts the certificates the server sent besides the leaf into the chain's extra store.
                    sent.AddRange(chain!.ChainPolicy.ExtraStore.Select(c => c.Thumbprint));
                    return certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString();
                },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = https, Timeout = TimeSpan.FromSeconds(10) };

        var login = await client.PostAsJsonAsync("api/v1/auth/login", new { username = "https-admin", password = Password });

        presented.ShouldNotBeNull().GetCertHashString().ShouldBe(expected.GetCertHashString());
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (intermediate is not null)
            sent.ShouldContain(intermediate.Thumbprint);
        return (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    /// <summary>
    /// A GET over HTTPS as a browser that reached the PBX by name sends it: ASP.NET never sends HSTS for loopback
    /// addresses or localhost, the only names a test on loopback could otherwise use.
    /// </summary>
    private static async Task<HttpResponseMessage> GetByNameAsync(Uri https, X509Certificate2 expected)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == expected.GetCertHashString(),
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(https, "health/live"));
        request.Headers.Host = "pbx.example.com";
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response;
    }

    /// <summary>Opens <c>/hubs/live</c> over wss:// and completes SignalR's JSON handshake (the hub answers "{}").</summary>
    private static async Task ConnectLiveHubAsync(Uri https, string token, X509Certificate2 expected)
    {
        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == expected.GetCertHashString();
        var wss = new UriBuilder(https) { Scheme = "wss", Path = "/hubs/live", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(wss, timeout.Token);

        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);

        Encoding.UTF8.GetString(buffer, 0, received.Count).ShouldBe("{}\u001e");
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }
}
