using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Hosting;
using Pbx.EdgeSip.Tests.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.Certificates;
using Pbx.EdgeSip.Transport.Tls;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Transport.Tls;

/// <summary>SIP over TLS on a real edge (RFC 3261 26.2), seen from a phone's TLS connection on 127.0.0.1.</summary>
public sealed class SipTlsTransportTests : IDisposable
{
    private readonly DirectoryInfo _certificates = Directory.CreateTempSubdirectory("pbx-edge-tls-");

    [Fact]
    public async Task Options_over_TLS_is_answered_on_the_same_connection_presenting_the_generated_certificate()
    {
        await using var edge = await StartAsync();
        await using var phone = await TlsPhone.ConnectAsync(edge.Transports.TlsEndPoints[0]);

        phone.Presented.Thumbprint.ShouldBe(edge.Services.GetRequiredService<CertificateStore>().Current.Leaf.Thumbprint);
        await phone.SendAsync(SipMessages.Options("z9hG4bKtls1", "TLS", "192.0.2.99:5061"));
        var response = (SipResponse)await phone.ReceiveAsync();
        response.StatusCode.ShouldBe(200);
        response.TopVia!.Transport.ShouldBe("TLS");
        response.TopVia.Received.ShouldBe("127.0.0.1");
        response.TopVia.RPort.ShouldBe(phone.Local.Port);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_phone_limited_to_TLS_1_2_or_1_3_gets_that_version(SslProtocols version)
    {
        await using var edge = await StartAsync();
        await using var phone = await TlsPhone.ConnectAsync(edge.Transports.TlsEndPoints[0], version);

        phone.Protocol.ShouldBe(version);
    }

    [Fact]
    public async Task A_request_from_the_pbx_reaches_a_TLS_phone_over_the_connection_the_phone_opened()
    {
        await using var edge = await StartAsync();
        await using var phone = await TlsPhone.ConnectAsync(edge.Transports.TlsEndPoints[0]);
        // The edge learns the connection from the phone's first message, as from a REGISTER.
        await phone.SendAsync(SipMessages.Options("z9hG4bKtls2", "TLS"));
        ((SipResponse)await phone.ReceiveAsync()).StatusCode.ShouldBe(200);
        var client = edge.Services.GetRequiredService<SipClient>();
        var request = client.CreateRequest("OPTIONS", SipUri.Parse($"sip:1001@{phone.Local};transport=tls"),
            new SipNameAddress(SipUri.Parse("sip:pbx@127.0.0.1")), new SipNameAddress(SipUri.Parse("sip:1001@127.0.0.1")));

        var pending = client.SendAsync(request, new SipEndPoint(SipTransportKind.Tls, phone.Local));
        using var arrived = (SipRequest)await phone.ReceiveAsync();
        arrived.TopVia!.Transport.ShouldBe("TLS");
        arrived.TopVia.Port.ShouldBe(edge.Transports.TlsEndPoints[0].Port);
        await phone.SendAsync(SipResponseFactory.Create(arrived, 200, "OK", "phone", null).ToString());
        (await pending.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(200);
        edge.Transports.ConnectionCount.ShouldBe(1, "no second connection was opened to reach the phone");
    }

    [Fact]
    public async Task A_TLS_phone_whose_connection_closed_is_not_dialled_back_and_the_request_fails_with_503()
    {
        await using var edge = await StartAsync();
        IPEndPoint gone;
        await using (var phone = await TlsPhone.ConnectAsync(edge.Transports.TlsEndPoints[0]))
            gone = phone.Local;
        // The edge forgets the connection when its read loop sees the close.
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            while (edge.Transports.ConnectionCount > 0)
                await Task.Delay(10, deadline.Token);
        }
        var client = edge.Services.GetRequiredService<SipClient>();
        var request = client.CreateRequest("OPTIONS", SipUri.Parse($"sip:1001@{gone};transport=tls"),
            new SipNameAddress(SipUri.Parse("sip:pbx@127.0.0.1")), new SipNameAddress(SipUri.Parse("sip:1001@127.0.0.1")));

        // The phone's source port accepts no connection; the phone comes back by registering again (RFC 5626 4.4.1).
        var response = await client.SendAsync(request, new SipEndPoint(SipTransportKind.Tls, gone)).WaitAsync(TimeSpan.FromSeconds(5));

        response.StatusCode.ShouldBe(503);
    }

    [Fact]
    public async Task Plain_text_on_the_TLS_port_closes_the_connection_and_counts_a_refused_handshake()
    {
        using var failures = new HandshakeFailures();
        await using var edge = await StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(edge.Transports.TlsEndPoints[0]);

        await socket.SendAsync(Encoding.ASCII.GetBytes(SipMessages.Options("z9hG4bKplain", "TCP")));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
                // Whatever TLS alert comes first, the edge closes the connection after it.
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A reset closes it too.
        }

        (await failures.NextReason.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("refused");
    }

    [Fact]
    public async Task A_renewed_certificate_serves_new_connections_while_open_ones_keep_going()
    {
        var (certificatePath, keyPath) = (Path.Combine(_certificates.FullName, "fullchain.pem"), Path.Combine(_certificates.FullName, "privkey.pem"));
        var (first, firstIntermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
        TestCertificates.WritePem(first, firstIntermediate, certificatePath, keyPath);
        await using var edge = await StartAsync(new() { ["Sip:Certificate:Path"] = certificatePath, ["Sip:Certificate:KeyPath"] = keyPath });
        await using var before = await TlsPhone.ConnectAsync(edge.Transports.TlsEndPoints[0]);
        before.Presented.Thumbprint.ShouldBe(first.Thumbprint);

        var (renewed, renewedIntermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
        TestCertificates.WritePem(renewed, renewedIntermediate, certificatePath, keyPath);
        // What the periodic check (Sip:Certificate:CheckInterval) does; CertificateStoreTests drive it by the clock.
        edge.Services.GetRequiredService<CertificateStore>().Reload().ShouldBeTrue();
        await using var after = await TlsPhone.ConnectAsync(edge.Transports.TlsEndPoints[0]);

        after.Presented.Thumbprint.ShouldBe(renewed.Thumbprint);
        await before.SendAsync(SipMessages.Options("z9hG4bKtls3", "TLS"));
        ((SipResponse)await before.ReceiveAsync()).StatusCode.ShouldBe(200);
    }

    public void Dispose() => _certificates.Delete(recursive: true);

    private Task<EdgeHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Sip:Tls:0"] = "127.0.0.1:0",
            ["Sip:Certificate:Directory"] = _certificates.FullName,
        };
        foreach (var (key, value) in settings ?? [])
            all[key] = value;
        return EdgeHost.StartAsync(settings: all);
    }

    /// <summary>The reasons of <c>pbx.sip.tls_handshake_failures</c> as the edge counts them.</summary>
    private sealed class HandshakeFailures : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource<string> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HandshakeFailures()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SipMetrics.MeterName && instrument.Name == "pbx.sip.tls_handshake_failures")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                        _next.TrySetResult((string)tag.Value!);
                }
            });
            _listener.Start();
        }

        public Task<string> NextReason => _next.Task;

        public void Dispose() => _listener.Dispose();
    }
}
