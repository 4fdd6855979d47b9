using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>A phone's RTP socket on 127.0.0.1: sends G.711 packets and reads what the media node sends back.</summary>
internal sealed class RtpPhone : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private ushort _sequence = 1000;
    private uint _timestamp = 5000;

    public RtpPhone(uint ssrc = 0x11223344)
    {
        Ssrc = ssrc;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public uint Ssrc { get; set; }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>An SDP offer from this phone with the given formats ("0 8 101").</summary>
    public string Offer(string formats = "0 8 101", string direction = "sendrecv") =>
        $"v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {EndPoint.Port} RTP/AVP {formats}\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        $"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na={direction}\r\n";

    /// <summary>An SDP answer from this phone choosing <paramref name="format"/>.</summary>
    public string Answer(int format) =>
        $"v=0\r\no=phone 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {EndPoint.Port} RTP/AVP {format} 101\r\na=rtpmap:{format} {(format == 0 ? "PCMU" : "PCMA")}/8000\r\n" +
        $"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    /// <summary>Sends one 20 ms packet with <paramref name="payload"/> to the node's port.</summary>
    public void Send(int port, int payloadType, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), _timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), Ssrc);
        _timestamp += 160;
        payload.CopyTo(packet.AsSpan(12));
        SendRaw(port, packet);
    }

    /// <summary>Sends <paramref name="count"/> packets 20 ms apart, as a phone does, while the node's clock runs.</summary>
    public async Task SendPacedAsync(int port, int payloadType, Func<int, byte[]> payload, int count)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (var i = 0; i < count; i++)
        {
            Send(port, payloadType, payload(i));
            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>Everything that arrives until <paramref name="quiet"/> passes without a datagram.</summary>
    public async Task<List<ReceivedRtp>> CollectAsync(TimeSpan quiet)
    {
        var received = new List<ReceivedRtp>();
        while (true)
        {
            try
            {
                received.Add(await ReceiveAsync(quiet));
            }
            catch (TimeoutException)
            {
                return received;
            }
        }
    }

    /// <summary>Sends an RFC 4733 event packet: all packets of one event carry its start timestamp (section 2.5.1.2).</summary>
    public void SendEvent(int port, int payloadType, ReadOnlySpan<byte> payload, uint timestamp, bool marker)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), Ssrc);
        payload.CopyTo(packet.AsSpan(12));
        SendRaw(port, packet);
    }

    /// <summary>Throws away whatever has arrived and not been read yet.</summary>
    public void Discard()
    {
        var buffer = new byte[2048];
        while (_socket.Available > 0)
            _socket.Receive(buffer);
    }

    public void SendRaw(int port, ReadOnlySpan<byte> datagram) =>
        _socket.SendTo(datagram, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>The next datagram, or an exception when nothing arrives within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedRtp> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(2));
        var buffer = new byte[2048];
        try
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return new ReceivedRtp(buffer[..result.ReceivedBytes], (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"phone on {EndPoint} received nothing within {timeout ?? TimeSpan.FromSeconds(2)}");
        }
    }

    /// <summary>True when nothing arrives within <paramref name="window"/>.</summary>
    public async Task<bool> StaysSilentAsync(TimeSpan window)
    {
        try
        {
            await ReceiveAsync(window);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A datagram a phone received, with its RTP header fields.</summary>
internal sealed record ReceivedRtp(byte[] Data, IPEndPoint From)
{
    public int PayloadType => Data[1] & 0x7F;

    public bool Marker => (Data[1] & 0x80) != 0;

    public ushort Sequence => BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(2));

    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(4));

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(8));

    public byte[] Payload => Data[12..];
}
