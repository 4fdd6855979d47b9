using System.Net;
using System.Net.Sockets;

namespace Pbx.Silo.Tests;

/// <summary>
/// A loopback TCP relay in front of PostgreSQL that a test can cut: open connections drop and new ones are closed on
/// accept, as when the database host goes away; <see cref="Restore"/> brings it back on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly List<Socket> _open = [];
    private readonly Task _accepting;
    private bool _down;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Drops every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_open)
        {
            _down = true;
            foreach (var socket in _open)
                socket.Dispose();
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_open)
            _down = false;
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var client = await _listener.AcceptSocketAsync();
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            lock (_open)
            {
                if (_down)
                {
                    client.Dispose();
                    server.Dispose();
                    continue;
                }
                _open.Add(client);
                _open.Add(server);
            }
            _ = RelayAsync(client, server);
        }
    }

    private async Task RelayAsync(Socket client, Socket server)
    {
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Cut() closed the sockets under the pumps: that is the outage being simulated.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer)) > 0)
            await to.SendAsync(buffer.AsMemory(0, read));
    }
}
