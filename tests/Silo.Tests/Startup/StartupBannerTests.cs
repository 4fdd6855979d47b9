using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Transport;
using Pbx.Certificates;
using Pbx.MediaNode.Hosting;
using Pbx.Silo.Startup;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests.Startup;

/// <summary>The all-in-one PBX as <see cref="PbxApplication"/> builds it: what it prints and what it refuses at start.</summary>
public sealed class StartupBannerTests
{
    [Fact]
    public async Task The_banner_names_the_ports_the_SIP_transports_and_Kestrel_bound_rather_than_5060()
    {
        await using var app = Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.StartAsync(timeout.Token);
        try
        {
            var transports = app.Services.GetRequiredService<SipTransportSet>();
            var http = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            var lines = app.Services.GetServices<IHostedService>().OfType<WelcomeBanner>().Single().Lines;

            lines[0].ShouldBe($"  PBX ready. SIP phones: {transports.UdpEndPoints[0]} (UDP), {transports.TcpEndPoints[0]} (TCP); realm pbx, user = extension number.");
            lines[1].ShouldStartWith($"  Browser: {http}/   API: {http}/api/v1");
            transports.UdpEndPoints[0].Port.ShouldNotBe(5060);
            // Media:Address was left unset: with RTP bound to loopback it is loopback, not an address no socket serves.
            app.Services.GetRequiredService<IOptions<MediaOptions>>().Value.Address.ShouldBe("127.0.0.1");
        }
        finally
        {
            await app.StopAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task Loopback_media_with_SIP_on_a_LAN_address_stops_start_up_before_a_socket_is_bound()
    {
        // 192.0.2.10 (TEST-NET-1) is on no interface here: had the edge tried to bind it, start-up would fail with a SocketException instead.
        await using var app = Build("--Sip:Udp:0=192.0.2.10:0", "--Media:Address=127.0.0.1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(timeout.Token));

        refused.Message.ShouldContain("Media:Address is 127.0.0.1 (loopback) but SIP listens on 192.0.2.10:0 (Sip:Udp:0)");
    }

    [Fact]
    public async Task With_Sip_Tls_the_banner_lists_the_TLS_port_beside_UDP_and_TCP()
    {
        var certificates = Directory.CreateTempSubdirectory("pbx-banner-certs-");
        await using var app = Build("--Sip:Tls:0=127.0.0.1:0", $"--Sip:Certificate:Directory={certificates.FullName}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.StartAsync(timeout.Token);
        try
        {
            var transports = app.Services.GetRequiredService<SipTransportSet>();
            var lines = app.Services.GetServices<IHostedService>().OfType<WelcomeBanner>().Single().Lines;

            lines[0].ShouldStartWith($"  PBX ready. SIP phones: {transports.UdpEndPoints[0]} (UDP), {transports.TcpEndPoints[0]} (TCP), {transports.TlsEndPoints[0]} (TLS);");
        }
        finally
        {
            await app.StopAsync(timeout.Token);
            certificates.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_TLS_certificate_that_cannot_be_read_stops_start_up_with_a_message_naming_the_key_and_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"pbx-no-such-{Guid.NewGuid():N}.pem");
        await using var app = Build("--Sip:Tls:0=127.0.0.1:0", $"--Sip:Certificate:Path={missing}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var refused = await Should.ThrowAsync<CertificateException>(() => app.StartAsync(timeout.Token));

        refused.Message.ShouldStartWith($"Sip:Certificate:Path: cannot read {missing}");
        PbxApplication.IsOperatorFixable(refused).ShouldBeTrue("printed as one line, without a stack trace");
    }

    private static WebApplication Build(params string[] settings) => TestPbx.Build(new RoleOptions(), settings);
}
