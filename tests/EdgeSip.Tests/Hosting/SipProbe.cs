using System.Net;
using System.Net.Sockets;
using System.Text;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Tests.Hosting;

/// <summary>A test phone: sends raw SIP over UDP or TCP from 127.0.0.1 and awaits what comes back, with a timeout.</summary>
internal sealed class SipProbe : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65535];
    private int _filled;

    private SipProbe(Socket socket)
    {
        _socket = socket;
    }

    public IPEndPoint Local => (IPEndPoint)_socket.LocalEndPoint!;

    public static SipProbe Udp(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return new SipProbe(socket);
    }

    public static async Task<SipProbe> TcpAsync(IPEndPoint edge)
    {
        var socket = new Socket(edge.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(edge);
        return new SipProbe(socket);
    }

    public static SipProbe Adopt(Socket socket) => new(socket);

    public async Task SendToAsync(string text, IPEndPoint edge) =>
        await _socket.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, edge);

    public async Task SendAsync(string text) => await _socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    /// <summary>Next datagram, parsed.</summary>
    public async Task<SipMessage> ReceiveDatagramAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
        return SipMessageParser.ParseDatagram(_buffer.AsSpan(0, received));
    }

    /// <summary>Status code and reason of the next datagram, read from its status line only: a 400 echoes the faulty headers it answers.</summary>
    public async Task<(int Status, string Reason)> ReceiveStatusAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
        var text = Encoding.UTF8.GetString(_buffer, 0, received);
        var line = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ', 3);
        return (int.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture), line[2]);
    }

    /// <summary>Next message framed off the TCP stream.</summary>
    public async Task<SipMessage> ReceiveStreamAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (SipMessageParser.TryParse(_buffer.AsSpan(0, _filled), out var message, out var consumed))
            {
                _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
                _filled -= consumed;
                return message;
            }
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, timeout.Token);
            if (read == 0)
                throw new IOException("the edge closed the connection");
            _filled += read;
        }
    }

    public void Dispose() => _socket.Dispose();
}
