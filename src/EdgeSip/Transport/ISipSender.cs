namespace Pbx.EdgeSip.Transport;

/// <summary>Sends serialized messages; implemented by the transport set, faked by transaction unit tests.</summary>
public interface ISipSender
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="destination"/>; throws <see cref="System.Net.Sockets.SocketException"/> or IOException when it cannot.</summary>
    ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
