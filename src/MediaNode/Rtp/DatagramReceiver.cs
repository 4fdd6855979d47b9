using System.Net;
using System.Net.Sockets;

namespace Pbx.MediaNode.Rtp;

/// <summary>
/// Receives the datagrams of one socket, one at a time, until the socket is closed. Built on
/// <see cref="SocketAsyncEventArgs"/> because its completions carry the outcome as a value: closing the socket ends the
/// pending receive with <see cref="SocketError.OperationAborted"/> and no exception, where the awaitable
/// ReceiveFromAsync threw one per socket, four per call torn down. The source endpoint object is only replaced when the
/// source changes, so a steady stream allocates nothing per packet.
/// </summary>
internal sealed class DatagramReceiver
{
    private readonly Socket _socket;
    private readonly Memory<byte> _buffer;
    // No execution context flows: the receives serve the leg, not whichever request (a grain call) started them, and
    // capturing and restoring one per datagram is work the packet path does not need.
    private readonly SocketAsyncEventArgs _receive = new(unsafeSuppressExecutionContextFlow: true);
    private readonly DatagramHandler _onDatagram;
    private readonly Action<SocketError> _onError;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="socket">A bound datagram socket; closing it stops the receiver.</param>
    /// <param name="buffer">Where datagrams are received; owned by the receiver until <see cref="Stopped"/> completes.</param>
    /// <param name="onDatagram">Called for each datagram, on a socket completion thread; must not throw.</param>
    /// <param name="onError">Called for an error the socket reports while it stays open (an oversized datagram, an ICMP error).</param>
    public DatagramReceiver(Socket socket, Memory<byte> buffer, DatagramHandler onDatagram, Action<SocketError> onError)
    {
        _socket = socket;
        _buffer = buffer;
        _onDatagram = onDatagram;
        _onError = onError;
        _receive.SetBuffer(buffer);
        _receive.RemoteEndPoint = new IPEndPoint(
            socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        _receive.Completed += (_, completed) =>
        {
            if (Handle(completed))
                Receive();
        };
    }

    /// <summary>Completes once the socket is closed and the last datagram has been handled.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Starts receiving; datagrams are handled inline while they are already queued, then on completions.</summary>
    public void Start() => Receive();

    private void Receive()
    {
        try
        {
            while (!_socket.ReceiveFromAsync(_receive))
            {
                if (!Handle(_receive))
                    return;
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed between two receives rather than during one: the same end, reached by the rarer path.
            Stop();
        }
    }

    /// <summary>Handles a completed receive; false once the socket is closed.</summary>
    private bool Handle(SocketAsyncEventArgs completed)
    {
        switch (completed.SocketError)
        {
            case SocketError.Success:
                _onDatagram(_buffer.Span[..completed.BytesTransferred], (IPEndPoint)completed.RemoteEndPoint!);
                return true;
            case SocketError.OperationAborted:
                Stop();
                return false;
            default:
                _onError(completed.SocketError);
                return true;
        }
    }

    private void Stop()
    {
        _receive.Dispose();
        _stopped.TrySetResult();
    }
}
