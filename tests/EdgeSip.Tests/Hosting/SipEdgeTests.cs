using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Parsing;
using Pbx.EdgeSip.Transport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Hosting;

public sealed class SipEdgeTests
{
    [Fact]
    public async Task Options_over_udp_gets_200_with_allow_and_the_source_in_via()
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = SipProbe.Udp();
        await phone.SendToAsync(SipMessages.Options("z9hG4bKudp1", host: $"192.0.2.99:5070"), edge.Udp);

        var response = (SipResponse)await phone.ReceiveDatagramAsync();
        response.StatusCode.ShouldBe(200);
        response.Get(SipHeaderId.Allow).ShouldBe("ACK, CANCEL, OPTIONS");
        response.Get(SipHeaderId.Accept).ShouldBe("application/sdp");
        response.Get(SipHeaderId.Server).ShouldBe("Pbx-Test");
        response.To!.Tag.ShouldNotBeNull();
        // RFC 3581: the phone claimed 192.0.2.99:5070 but is really at the probe's address; the answer came here anyway.
        response.TopVia!.Received.ShouldBe("127.0.0.1");
        response.TopVia.RPort.ShouldBe(phone.Local.Port);
    }

    [Fact]
    public async Task Ipv6_loopback_over_udp_and_tcp_is_served_and_received_is_the_v6_source()
    {
        await using var edge = await EdgeHost.StartAsync(bind: "[::1]:0");
        edge.Udp.AddressFamily.ShouldBe(AddressFamily.InterNetworkV6);
        using var phone = SipProbe.Udp(IPAddress.IPv6Loopback);
        await phone.SendToAsync(SipMessages.Options("z9hG4bKv6u", host: "[::1]:5070"), edge.Udp);
        var response = (SipResponse)await phone.ReceiveDatagramAsync();
        response.StatusCode.ShouldBe(200);
        response.TopVia!.Host.ShouldBe("[::1]");
        response.TopVia.Received.ShouldBe("::1");

        using var tcp = await SipProbe.TcpAsync(edge.Tcp);
        await tcp.SendAsync(SipMessages.Options("z9hG4bKv6t", "TCP", "[::1]:5070"));
        ((SipResponse)await tcp.ReceiveStreamAsync()).StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData(SipTransportKind.Tcp, "TCP:[2001:db8::1]:5061")]
    [InlineData(SipTransportKind.Tls, "TLS:[2001:db8::1]:5061")]
    public void A_binding_endpoint_round_trips_through_its_text_form(SipTransportKind transport, string text)
    {
        var stored = new SipEndPoint(transport, IPEndPoint.Parse("[2001:db8::1]:5061")).ToString();
        stored.ShouldBe(text);
        SipEndPoint.TryParse(stored, out var endPoint).ShouldBeTrue();
        endPoint.ShouldBe(new SipEndPoint(transport, IPEndPoint.Parse("[2001:db8::1]:5061")));
        SipTransportNames.Parse(SipTransportNames.Of(transport)).ShouldBe(transport);
    }

    [Fact]
    public async Task Malformed_datagram_gets_400_naming_the_fault_and_the_edge_keeps_serving()
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = SipProbe.Udp();
        var broken = SipMessages.Options("z9hG4bKbad1").Replace("Max-Forwards: 70", "Max-Forwards: 300", StringComparison.Ordinal);
        await phone.SendToAsync(broken, edge.Udp);
        var rejection = (SipResponse)await phone.ReceiveDatagramAsync();
        rejection.StatusCode.ShouldBe(400);
        rejection.ReasonPhrase.ShouldBe("Bad Request - Invalid Max-Forwards");
        rejection.CallId.ShouldBe("z9hG4bKbad1@127.0.0.1");

        await phone.SendToAsync(SipMessages.Options("z9hG4bKgood1"), edge.Udp);
        ((SipResponse)await phone.ReceiveDatagramAsync()).StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData("SUBSCRIBE", 405)]
    [InlineData("FROBNICATE", 501)]
    public async Task Methods_not_served_get_405_or_501_with_allow(string method, int status)
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = SipProbe.Udp();
        var request = SipMessages.Options("z9hG4bKm" + method).Replace("OPTIONS", method, StringComparison.Ordinal);
        await phone.SendToAsync(request, edge.Udp);
        var response = (SipResponse)await phone.ReceiveDatagramAsync();
        response.StatusCode.ShouldBe(status);
        response.Get(SipHeaderId.Allow).ShouldBe("ACK, CANCEL, OPTIONS");
    }

    [Fact]
    public async Task Request_missing_call_id_gets_400_naming_it()
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = SipProbe.Udp();
        var request = SipMessages.Options("z9hG4bKnocid").Replace("Call-ID: z9hG4bKnocid@127.0.0.1\r\n", "", StringComparison.Ordinal);
        await phone.SendToAsync(request, edge.Udp);
        var response = (SipResponse)await phone.ReceiveDatagramAsync();
        response.StatusCode.ShouldBe(400);
        response.ReasonPhrase.ShouldBe("Bad Request - Missing Call-ID");
    }

    [Fact]
    public async Task Tcp_requests_split_across_segments_are_answered_on_the_same_connection()
    {
        await using var edge = await EdgeHost.StartAsync();
        using var phone = await SipProbe.TcpAsync(edge.Tcp);
        var first = SipMessages.Options("z9hG4bKtcp1", "TCP");
        var second = SipMessages.Options("z9hG4bKtcp2", "TCP");
        await phone.SendAsync("\r\n\r\n" + first + second[..40]);
        ((SipResponse)await phone.ReceiveStreamAsync()).CallId.ShouldBe("z9hG4bKtcp1@127.0.0.1");
        await phone.SendAsync(second[40..]);
        ((SipResponse)await phone.ReceiveStreamAsync()).CallId.ShouldBe("z9hG4bKtcp2@127.0.0.1");
    }

    [Fact]
    public async Task A_tcp_message_whose_body_never_arrives_gets_its_connection_closed_after_64_t1()
    {
        var time = new Transactions.ManualTimeProvider();
        await using var edge = await EdgeHost.StartAsync(s => s.AddSingleton<TimeProvider>(time));
        using var phone = await SipProbe.TcpAsync(edge.Tcp);
        var waiting = time.WhenTimerCreated(new Pbx.EdgeSip.Transactions.SipTimerOptions().TransactionTimeout);
        // Content-Length promises more than is sent (RFC 4475 3.1.2.2 over TCP).
        await phone.SendAsync(SipMessages.Options("z9hG4bKpartial", "TCP").Replace("Content-Length: 0", "Content-Length: 500", StringComparison.Ordinal));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        var closed = phone.ReceiveStreamAsync();
        time.Advance(TimeSpan.FromSeconds(31));
        closed.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        (await Should.ThrowAsync<IOException>(closed)).Message.ShouldContain("closed");
    }

    [Fact]
    public async Task Handler_gets_the_request_and_its_source_and_a_later_request_reuses_the_phones_tcp_connection()
    {
        var handler = new RecordingHandler("REGISTER");
        await using var edge = await EdgeHost.StartAsync(s => s.AddSingleton<ISipRequestHandler>(handler));
        using var phone = await SipProbe.TcpAsync(edge.Tcp);
        await phone.SendAsync(Register("z9hG4bKreg1", "TCP"));
        var ok = (SipResponse)await phone.ReceiveStreamAsync();
        ok.StatusCode.ShouldBe(200);
        ok.Get(SipHeaderId.Expires).ShouldBe("60");
        var source = (await handler.Seen.Task.WaitAsync(TimeSpan.FromSeconds(5))).Source;
        source.Transport.ShouldBe(SipTransportKind.Tcp);
        source.Remote.ShouldBe(phone.Local);

        // Later: the edge sends to the stored binding; it arrives on the phone's own connection.
        var client = edge.Services.GetRequiredService<SipClient>();
        var options = client.CreateRequest("OPTIONS", SipUri.Parse("sip:1001@127.0.0.1"),
            new SipNameAddress(SipUri.Parse("sip:pbx@127.0.0.1")), new SipNameAddress(SipUri.Parse("sip:1001@127.0.0.1")));
        var pending = client.SendAsync(options, source);
        var arrived = (SipRequest)await phone.ReceiveStreamAsync();
        arrived.Method.ShouldBe("OPTIONS");
        arrived.TopVia!.Transport.ShouldBe("TCP");
        using (var reply = new SipProbeReply(arrived))
            await phone.SendAsync(reply.Ok());
        (await pending.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task A_browser_registers_over_websocket_with_the_sip_subprotocol()
    {
        var handler = new RecordingHandler("REGISTER");
        await using var edge = await EdgeHost.StartAsync(s => s.AddSingleton<ISipRequestHandler>(handler));
        using var browser = new ClientWebSocket();
        browser.Options.AddSubProtocol("sip");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await browser.ConnectAsync(new Uri($"ws://{edge.WebSocket}/"), timeout.Token);
        browser.SubProtocol.ShouldBe("sip");

        await browser.SendAsync(Encoding.UTF8.GetBytes(Register("z9hG4bKws1", "WS")), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[8192];
        var received = await browser.ReceiveAsync(buffer, timeout.Token);
        var response = (SipResponse)SipMessageParser.ParseDatagram(buffer.AsSpan(0, received.Count));
        response.StatusCode.ShouldBe(200);
        (await handler.Seen.Task.WaitAsync(timeout.Token)).Source.Transport.ShouldBe(SipTransportKind.WebSocket);
    }

    [Fact]
    public async Task An_api_host_can_serve_sip_over_websocket_on_its_own_route()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sip:Udp:0"] = "127.0.0.1:0", ["Sip:Tcp:0"] = "127.0.0.1:0" });
        builder.Services.AddEdgeSip(builder.Configuration);
        await using var app = builder.Build();
        app.UseWebSockets();
        app.MapSipWebSocket("/sip");
        await app.StartAsync();

        using var browser = new ClientWebSocket();
        browser.Options.AddSubProtocol("sip");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await browser.ConnectAsync(new Uri(app.Urls.First().Replace("http", "ws", StringComparison.Ordinal) + "/sip"), timeout.Token);
        await browser.SendAsync(Encoding.UTF8.GetBytes(SipMessages.Options("z9hG4bKapiws", "WS")), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[8192];
        var received = await browser.ReceiveAsync(buffer, timeout.Token);
        ((SipResponse)SipMessageParser.ParseDatagram(buffer.AsSpan(0, received.Count))).StatusCode.ShouldBe(200);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_request_too_big_for_udp_goes_over_tcp()
    {
        await using var edge = await EdgeHost.StartAsync();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var phoneAt = (IPEndPoint)listener.LocalEndPoint!;
        var client = edge.Services.GetRequiredService<SipClient>();
        var message = client.CreateRequest("MESSAGE", SipUri.Parse($"sip:1001@{phoneAt}"),
            new SipNameAddress(SipUri.Parse("sip:pbx@127.0.0.1")), new SipNameAddress(SipUri.Parse("sip:1001@127.0.0.1")));
        message.Add(SipHeaderId.ContentType, "text/plain");
        message.Body = Encoding.ASCII.GetBytes(new string('x', 1400));

        var pending = client.SendAsync(message, new SipEndPoint(SipTransportKind.Udp, phoneAt));
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
        using var phone = SipProbe.Adopt(accepted);
        var arrived = (SipRequest)await phone.ReceiveStreamAsync();
        arrived.TopVia!.Transport.ShouldBe("TCP");
        arrived.Body.Length.ShouldBe(1400);
        using (var reply = new SipProbeReply(arrived))
            await phone.SendAsync(reply.Ok());
        (await pending.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(200);
    }

    private static string Register(string branch, string transport) =>
        $"REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} phone.invalid;branch={branch}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:1001@127.0.0.1>\r\nFrom: <sip:1001@127.0.0.1>;tag=r1\r\nCall-ID: {branch}\r\nCSeq: 1 REGISTER\r\n" +
        "Contact: <sip:1001@phone.invalid;transport=ws>;expires=60\r\nContent-Length: 0\r\n\r\n";

    /// <summary>Answers 200 with the contact's expiry, and remembers the context.</summary>
    private sealed class RecordingHandler(string method) : ISipRequestHandler
    {
        public TaskCompletionSource<SipServerContext> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Method => method;

        public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
        {
            var response = context.CreateResponse(200, "OK");
            response.Add(SipHeaderId.Expires, context.Request.Contacts[0].Expires!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await context.RespondAsync(response);
            Seen.TrySetResult(context);
        }
    }

    /// <summary>The phone's 200 to a request the edge sent.</summary>
    private sealed class SipProbeReply(SipRequest request) : IDisposable
    {
        public string Ok() => Pbx.EdgeSip.Transactions.SipResponseFactory.Create(request, 200, "OK", "phone", null).ToString();

        public void Dispose() => request.Dispose();
    }
}
