using System.Net;
using System.Net.Sockets;

namespace Pbx.EdgeSip.Transport;

/// <summary>One UDP socket: receives datagrams into one reused buffer and sends responses from the same socket.</summary>
internal sealed class UdpSipTransport : IDisposable
{
    // RFC 3261 18.1.1 caps what we send at the path MTU, but a peer may send up to the IP maximum.
    private const int MaxDatagram = 65535;

    // The kernel default (about 200 KB, a few hundred datagrams) overflows within milliseconds at 16,000 datagrams/s
    // whenever the process stalls (a GC pause, a busy core); a drop costs the phone a 500 ms retransmission (RFC 3261
    // 17.1.2.2, timer E). Linux caps the request at net.core.rmem_max.
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;
    private readonly Socket _socket;

    public UdpSipTransport(IPEndPoint bind)
    {
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (bind.AddressFamily == AddressFamily.InterNetworkV6)
            _socket.DualMode = false;
        _socket.ReceiveBufferSize = ReceiveBufferBytes;
        _socket.Bind(bind);
        Local = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint Local { get; }

    public async Task RunAsync(ISipInbound inbound, CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        EndPoint any = Local.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // An ICMP error for an earlier send, or an oversized datagram: neither affects the next datagram.
                continue;
            }
            inbound.OnPacket(buffer.AsSpan(0, received.ReceivedBytes), new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)received.RemoteEndPoint));
        }
    }

    public async ValueTask SendAsync(IPEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(message, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _socket.Dispose();
}
