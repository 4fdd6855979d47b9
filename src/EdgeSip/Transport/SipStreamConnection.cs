using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Transport;

/// <summary>
/// One stream connection, TCP or TLS (an <see cref="System.Net.Security.SslStream"/> over the TCP stream): frames messages
/// off the stream by Content-Length (RFC 3261 18.3) and serializes sends. The framing is the same for both: TLS only
/// changes the bytes under it (RFC 3261 26.2).
/// </summary>
internal sealed class SipStreamConnection : ISipConnection, IDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private readonly TimeProvider _time;
    private readonly TimeSpan _partialTimeout;

    /// <param name="stream">The connection's stream; disposing it closes the socket.</param>
    /// <param name="remote">The peer, with the transport the stream carries.</param>
    /// <param name="partialTimeout">How long a started message may wait for its remaining bytes before the connection is
    /// closed (RFC 4475 3.1.2.2: a Content-Length past the data must not hold the connection forever).</param>
    public SipStreamConnection(Stream stream, SipEndPoint remote, TimeProvider time, TimeSpan partialTimeout)
    {
        _stream = stream;
        _time = time;
        _partialTimeout = partialTimeout;
        Remote = remote;
    }

    /// <summary>A plain TCP connection over <paramref name="socket"/>, connected or accepted.</summary>
    public static SipStreamConnection OverTcp(Socket socket, TimeProvider time, TimeSpan partialTimeout) =>
        new(OpenStream(socket), RemoteOf(socket, SipTransportKind.Tcp), time, partialTimeout);

    /// <summary>The socket's stream, owning it, with Nagle off: SIP messages are small and each is sent whole.</summary>
    public static NetworkStream OpenStream(Socket socket)
    {
        socket.NoDelay = true;
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>The peer of <paramref name="socket"/> over <paramref name="transport"/>.</summary>
    public static SipEndPoint RemoteOf(Socket socket, SipTransportKind transport) => new(transport, (IPEndPoint)socket.RemoteEndPoint!);

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
                var read = await ReceiveAsync(buffer.AsMemory(filled), partial: filled > 0, cancellationToken).ConfigureAwait(false);
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
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Peer reset, TLS alert or shutdown: the connection simply ends.
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
            await _stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose() => _stream.Dispose();

    private async ValueTask<int> ReceiveAsync(Memory<byte> into, bool partial, CancellationToken cancellationToken)
    {
        if (!partial)
            return await _stream.ReadAsync(into, cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(_partialTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        return await _stream.ReadAsync(into, linked.Token).ConfigureAwait(false);
    }

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
