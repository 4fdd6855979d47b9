using System.Net;
using System.Net.Sockets;

namespace Pbx.IntegrationTests;

/// <summary>A UDP socket standing in for a phone's RTP port: the test reads who sends to it.</summary>
internal sealed class RtpSink : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    /// <summary>The first RTP packet to arrive: its source and payload type.</summary>
    public async Task<(IPEndPoint Source, int PayloadType)> FirstPacketAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = await _socket.ReceiveAsync(cancel.Token);
        // RFC 3550 5.1: version 2 in the top bits of byte 0, payload type in the low 7 bits of byte 1.
        if (received.Buffer.Length < 12 || received.Buffer[0] >> 6 != 2)
            throw new InvalidDataException($"not RTP: {received.Buffer.Length} bytes from {received.RemoteEndPoint}");
        return (received.RemoteEndPoint, received.Buffer[1] & 0x7f);
    }

    /// <summary>Every datagram that arrives until <paramref name="quiet"/> passes without one.</summary>
    public async Task<List<byte[]>> CollectAsync(TimeSpan quiet)
    {
        var received = new List<byte[]>();
        while (true)
        {
            using var cancel = new CancellationTokenSource(quiet);
            try
            {
                received.Add((await _socket.ReceiveAsync(cancel.Token)).Buffer);
            }
            catch (OperationCanceledException)
            {
                return received;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
