using System.Net;
using System.Net.Sockets;

namespace Pbx.TestSupport;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server (PostgreSQL) that a test can cut and heal: cut, every relayed connection
/// is reset and new ones are refused, as when the database host goes away; healed, connections pass again. What a test
/// needs to see the PBX through a database outage without stopping the server other tests share (the silo's grain
/// storage tests and the integration outage test both use it).
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private bool _cut;

    /// <summary>Starts relaying 127.0.0.1:<see cref="Port"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public TcpCutProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Resets every relayed connection and refuses new ones until <see cref="Heal"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _cut = true;
            foreach (var client in _open)
                Reset(client);
            _open.Clear();
        }
    }

    /// <summary>Lets connections through again.</summary>
    public void Heal()
    {
        lock (_gate)
            _cut = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            bool refused;
            lock (_gate)
            {
                refused = _cut;
                if (!refused)
                    _open.Add(client);
            }
            if (refused)
                Reset(client);
            else
                _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            lock (_gate)
                _open.Add(server);
            var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut or either side closing ends the relay.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            Reset(client);
        }
    }

    // Linger 0 turns the close into a reset, as a peer that vanished gives.
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
