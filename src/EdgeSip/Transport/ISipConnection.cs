namespace Pbx.EdgeSip.Transport;

/// <summary>An open TCP or WebSocket connection to a phone; responses and later requests to it reuse it (RFC 3261 18.2.2, RFC 5923 spirit).</summary>
internal interface ISipConnection
{
    SipEndPoint Remote { get; }

    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
