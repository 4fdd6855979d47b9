using Pbx.Certificates;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Transport.Tls;

namespace Pbx.EdgeSip.Transport;

/// <summary>
/// Every socket of the edge: UDP sockets, TCP and TLS listeners, the SIP-over-WebSocket endpoint, and the table of open
/// connections that responses and later requests reuse. Sends go out on the transport and connection a destination names.
/// </summary>
public sealed partial class SipTransportSet : ISipSender, IAsyncDisposable
{
    private readonly SipOptions _options;
    private readonly ILogger<SipTransportSet> _logger;
    private readonly List<UdpSipTransport> _udp = [];
    private readonly List<Socket> _tcpListeners = [];
    private readonly List<Socket> _tlsListeners = [];
    private readonly CertificateStore _certificates;
    private readonly SipTlsHandshake _tlsHandshake;
    private readonly ConcurrentDictionary<SipEndPoint, ISipConnection> _connections = new();
    private readonly ConcurrentBag<Task> _loops = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _webSocketHost;
    private ISipInbound? _inbound;
    private int _stopped;

    private readonly TimeProvider _time;

    internal SipTransportSet(IOptions<SipOptions> options, TimeProvider time, CertificateStore certificates, SipTlsHandshake tlsHandshake,
        ILogger<SipTransportSet> logger)
    {
        _options = options.Value;
        _time = time;
        _certificates = certificates;
        _tlsHandshake = tlsHandshake;
        _logger = logger;
    }

    /// <summary>Bound UDP addresses (port 0 in configuration is resolved here).</summary>
    public IReadOnlyList<IPEndPoint> UdpEndPoints => _udp.ConvertAll(u => u.Local);

    public IReadOnlyList<IPEndPoint> TcpEndPoints => _tcpListeners.ConvertAll(l => (IPEndPoint)l.LocalEndPoint!);

    /// <summary>Bound SIP-over-TLS listeners; empty unless <c>Sip:Tls</c> names some.</summary>
    public IReadOnlyList<IPEndPoint> TlsEndPoints => _tlsListeners.ConvertAll(l => (IPEndPoint)l.LocalEndPoint!);

    public IReadOnlyList<IPEndPoint> WebSocketEndPoints { get; private set; } = [];

    /// <summary>Open TCP, TLS and WebSocket connections.</summary>
    public int ConnectionCount => _connections.Count;

    internal async Task StartAsync(ISipInbound inbound, CancellationToken cancellationToken)
    {
        _inbound = inbound;
        foreach (var endPoint in _options.UdpEndPoints())
        {
            var transport = new UdpSipTransport(endPoint);
            _udp.Add(transport);
            _loops.Add(transport.RunAsync(inbound, _stopping.Token));
            LogListening("UDP", transport.Local.ToString());
        }
        foreach (var endPoint in _options.TcpEndPoints())
            _tcpListeners.Add(Listen(endPoint, SipTransportKind.Tcp, OpenTcpAsync));
        var tls = _options.TlsEndPoints();
        if (tls.Count > 0)
        {
            // Before the first listener, so a certificate that cannot be loaded stops start-up naming its key.
            _certificates.Start();
            foreach (var endPoint in tls)
                _tlsListeners.Add(Listen(endPoint, SipTransportKind.Tls, OpenTlsAsync));
        }
        var webSockets = _options.WebSocketEndPoints();
        if (webSockets.Count > 0)
            await StartWebSocketHostAsync(webSockets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Accepts a SIP-over-WebSocket upgrade on an ASP.NET Core request (RFC 7118: subprotocol "sip" required), for hosts
    /// that map it on their own endpoint routing: <c>app.Map("/sip", ctx =&gt; transports.AcceptWebSocketAsync(ctx))</c>.
    /// </summary>
    public async Task AcceptWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || !context.WebSockets.WebSocketRequestedProtocols.Contains("sip") || _inbound is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync("sip").ConfigureAwait(false);
        var remote = new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.Loopback, context.Connection.RemotePort);
        var connection = new WebSocketSipConnection(socket, remote);
        _connections[connection.Remote] = connection;
        try
        {
            // The host's stopping signal comes before Kestrel drains requests: without it an open browser tab holds shutdown for its full timeout.
            var hostStopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token, hostStopping);
            await connection.RunAsync(_inbound, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<SipEndPoint, ISipConnection>(connection.Remote, connection));
        }
    }

    public async ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        switch (destination.Transport)
        {
            case SipTransportKind.Udp:
                var udp = _udp.Find(u => u.Local.AddressFamily == destination.Remote.AddressFamily)
                    ?? throw new InvalidOperationException($"no UDP socket for {destination.Remote.AddressFamily} to reach {destination}");
                await udp.SendAsync(destination.Remote, message, cancellationToken).ConfigureAwait(false);
                break;
            case SipTransportKind.Tcp:
                var connection = _connections.TryGetValue(destination, out var open) ? open : await ConnectAsync(destination, cancellationToken).ConfigureAwait(false);
                await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case SipTransportKind.Tls:
                // A phone on TLS is reached over the connection it opened (RFC 5626 and RFC 5923's reuse): the source port of a
                // phone's connection accepts no new one, and a phone that lost it opens a new one when it registers again.
                var tls = _connections.TryGetValue(destination, out var secure)
                    ? secure
                    : throw new InvalidOperationException($"no open TLS connection to {destination}");
                await tls.SendAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // A browser cannot be dialled: WebSocket peers are reached only over the connection they opened (RFC 7118 5).
                var socket = _connections.TryGetValue(destination, out var ws)
                    ? ws
                    : throw new InvalidOperationException($"no open WebSocket connection to {destination}");
                await socket.SendAsync(message, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Our address as seen on the way to <paramref name="destination"/>, for the Via and Contact of requests we send.</summary>
    public IPEndPoint LocalFor(SipEndPoint destination)
    {
        var family = destination.Remote.AddressFamily;
        var bound = destination.Transport switch
        {
            SipTransportKind.Udp => UdpEndPoints,
            SipTransportKind.Tcp => TcpEndPoints,
            SipTransportKind.Tls => TlsEndPoints,
            _ => WebSocketEndPoints,
        };
        var local = bound.FirstOrDefault(e => e.AddressFamily == family) ?? bound.FirstOrDefault()
            ?? throw new InvalidOperationException($"the edge does not listen on {destination.Transport}");
        if (!local.Address.Equals(IPAddress.Any) && !local.Address.Equals(IPAddress.IPv6Any))
            return local;
        // Bound to the wildcard: ask the routing table which address faces the destination (connect on UDP sends nothing).
        using var probe = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(destination.Remote);
        return new IPEndPoint(((IPEndPoint)probe.LocalEndPoint!).Address, local.Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Closes every socket and connection and waits for the loops; safe to call more than once (host stop, then DI disposal).</summary>
    internal async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _tcpListeners.Concat(_tlsListeners))
            listener.Dispose();
        foreach (var udp in _udp)
            udp.Dispose();
        foreach (var connection in _connections.Values)
        {
            if (connection is IDisposable disposable)
                disposable.Dispose();
        }
        if (_webSocketHost is not null)
            await _webSocketHost.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Loops end with the sockets they read from.
        }
        _stopping.Dispose();
    }

    /// <summary>A listening socket whose accepted connections <paramref name="open"/> turns into SIP connections.</summary>
    private Socket Listen(IPEndPoint endPoint, SipTransportKind transport, Func<Socket, Task<SipStreamConnection?>> open)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            listener.DualMode = false;
        listener.Bind(endPoint);
        listener.Listen(512);
        _loops.Add(AcceptLoopAsync(listener, open));
        LogListening(transport.ToString().ToUpperInvariant(), listener.LocalEndPoint!.ToString()!);
        return listener;
    }

    private Task<SipStreamConnection?> OpenTcpAsync(Socket accepted) =>
        Task.FromResult<SipStreamConnection?>(SipStreamConnection.OverTcp(accepted, _time, _options.Timers.TransactionTimeout));

    private async Task<SipStreamConnection?> OpenTlsAsync(Socket accepted)
    {
        var remote = SipStreamConnection.RemoteOf(accepted, SipTransportKind.Tls);
        var stream = await _tlsHandshake.AuthenticateAsync(accepted, _stopping.Token).ConfigureAwait(false);
        return stream is null ? null : new SipStreamConnection(stream, remote, _time, _options.Timers.TransactionTimeout);
    }

    private async Task AcceptLoopAsync(Socket listener, Func<Socket, Task<SipStreamConnection?>> open)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(e);
                continue;
            }
            _loops.Add(ServeAsync(accepted, open));
        }
    }

    /// <summary>One accepted connection from its opening (a TLS handshake takes round trips, so not on the accept loop) to its end.</summary>
    private async Task ServeAsync(Socket accepted, Func<Socket, Task<SipStreamConnection?>> open)
    {
        SipStreamConnection? connection;
        try
        {
            connection = await open(accepted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (connection is not null)
            await RunTrackedAsync(connection).ConfigureAwait(false);
    }

    private async Task<ISipConnection> ConnectAsync(SipEndPoint destination, CancellationToken cancellationToken)
    {
        var socket = new Socket(destination.Remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(destination.Remote, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = SipStreamConnection.OverTcp(socket, _time, _options.Timers.TransactionTimeout);
        _loops.Add(RunTrackedAsync(connection));
        return connection;
    }

    /// <summary>Makes <paramref name="connection"/> reachable for sends and reads it until it ends.</summary>
    private async Task RunTrackedAsync(SipStreamConnection connection)
    {
        _connections[connection.Remote] = connection;
        try
        {
            await connection.RunAsync(_inbound!, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<SipEndPoint, ISipConnection>(connection.Remote, connection));
        }
    }

    private async Task StartWebSocketHostAsync(IReadOnlyList<IPEndPoint> endPoints, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            foreach (var endPoint in endPoints)
                kestrel.Listen(endPoint);
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/", AcceptWebSocketAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _webSocketHost = app;
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        WebSocketEndPoints = addresses.Select(a => IPEndPoint.Parse(new Uri(a).Authority)).ToList();
        foreach (var endPoint in WebSocketEndPoints)
            LogListening("WS", endPoint.ToString());
    }
}
