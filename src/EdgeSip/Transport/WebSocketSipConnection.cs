using System.Buffers;
using System.Net;
using System.Net.WebSockets;

namespace Pbx.EdgeSip.Transport;

/// <summary>One SIP-over-WebSocket connection (RFC 7118): each WebSocket message carries exactly one SIP message.</summary>
internal sealed class WebSocketSipConnection(WebSocket socket, IPEndPoint remote) : ISipConnection
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public SipEndPoint Remote { get; } = new(SipTransportKind.WebSocket, remote);

    public async Task RunAsync(ISipInbound inbound, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var filled = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= Parsing.SipMessageParser.MaxHeaderSize + Parsing.SipMessageParser.MaxBodySize)
                            return;
                        var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(grown);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = grown;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    filled += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                    return;
                }
                inbound.OnPacket(buffer.AsSpan(0, filled), Remote);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Browser closed the tab or the host is stopping.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // RFC 7118 5.2: SIP messages go in text frames when they are UTF-8, which ours are.
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
