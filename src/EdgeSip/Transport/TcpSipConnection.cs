using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Transport;

/// <summary>One TCP connection: frames messages off the stream by Content-Length (RFC 3261 18.3) and serializes sends.</summary>
internal sealed class TcpSipConnection : ISipConnection, IDisposable
{
    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public TcpSipConnection(Socket socket)
    {
        _socket = socket;
        socket.NoDelay = true;
        Remote = new SipEndPoint(SipTransportKind.Tcp, (IPEndPoint)socket.RemoteEndPoint!);
    }

    public SipEndPoint Remote { get; }

    public async Task RunAsync(ISipInbound inbound, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                    buffer = Grow(buffer, filled);
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    return;
                filled += read;
                var start = 0;
                while (start < filled)
                {
                    start += SipMessageParser.LeadingLineEnds(buffer.AsSpan(start, filled - start));
                    SipMessage? message;
                    int consumed;
                    try
                    {
                        if (!SipMessageParser.TryParse(buffer.AsSpan(start, filled - start), out message, out consumed))
                            break;
                    }
                    catch (SipParseException e)
                    {
                        inbound.OnMalformed(buffer.AsSpan(start, filled - start), e, Remote);
                        return;
                    }
                    start += consumed;
                    inbound.OnMessage(message, Remote);
                }
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Peer reset or shutdown: the connection simply ends.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Dispose();
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!message.IsEmpty)
            {
                var sent = await _socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                message = message[sent..];
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose() => _socket.Dispose();

    private static byte[] Grow(byte[] buffer, int filled)
    {
        if (buffer.Length >= SipMessageParser.MaxHeaderSize + SipMessageParser.MaxBodySize)
            throw new SocketException((int)SocketError.MessageSize);
        var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }
}
