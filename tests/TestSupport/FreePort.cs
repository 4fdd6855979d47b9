using System.Net;
using System.Net.Sockets;

namespace Pbx.TestSupport;

/// <summary>
/// Loopback ports that nothing listens on right now, for a peer (sipp, baresip, a silo) the test starts next. They come
/// from 20000-31899, below the kernel's ephemeral range (32768-60999 here): a port the kernel hands out and takes back
/// may be handed to any outgoing connection (a database pool, an HTTP client) before the peer binds it, and CI failed on
/// that. Each process walks the range eight ports at a time from a random point, so parallel test projects rarely meet; a
/// port found taken is skipped. The fixed phone RTP ranges of the interop tests start at 32000.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Count = 11900;
    private const int Stride = 8;

    private static int _next = Random.Shared.Next(Count);

    /// <summary>A TCP port on 127.0.0.1 free right now.</summary>
    public static int Tcp() => Find(tcpPortsAbove: 0, udp: false);

    /// <summary>A port free for both UDP and TCP on 127.0.0.1 (SIP listens on both).</summary>
    public static int UdpAndTcp() => Find(tcpPortsAbove: 0, udp: true);

    /// <summary>
    /// A port free for UDP and TCP on 127.0.0.1 whose next port is free for TCP too: SIP user agents such as baresip listen
    /// for TLS one port above the <c>sip_listen</c> port.
    /// </summary>
    public static int UdpAndTcpWithTlsAbove() => Find(tcpPortsAbove: 1, udp: true);

    private static int Find(int tcpPortsAbove, bool udp)
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            // Eight apart: peers take the ports just above the one they are given (baresip's TLS at +1, sipp's RTCP and video
            // media at +1 to +3), and must never meet the next port handed out.
            var port = First + (int)((uint)Interlocked.Add(ref _next, Stride) % (Count - tcpPortsAbove));
            if (IsFree(port, tcpPortsAbove, udp))
                return port;
        }
        throw new InvalidOperationException($"no free loopback port in {First}-{First + Count - 1}");
    }

    private static bool IsFree(int port, int tcpPortsAbove, bool udp)
    {
        var sockets = new List<IDisposable>();
        try
        {
            if (udp)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            for (var offset = 0; offset <= tcpPortsAbove; offset++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port + offset);
                sockets.Add(new Stopping(listener));
                listener.Start();
            }
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
        }
    }

    private sealed class Stopping(TcpListener listener) : IDisposable
    {
        public void Dispose() => listener.Stop();
    }

    /// <summary>
    /// Configuration for an Orleans silo alone in a cluster of its own: free silo and gateway ports (<c>Cluster:SiloPort</c>,
    /// <c>Cluster:GatewayPort</c>; test projects run in parallel) and a <c>Cluster:ClusterId</c> no other host uses. Test
    /// hosts share databases, and silos of one cluster probe each other: one starved of CPU by the parallel test projects
    /// would be declared dead, and Orleans ends a process whose silo is told it is dead. Tests that build a cluster of
    /// several hosts give them one id of their own after this.
    /// </summary>
    public static Dictionary<string, string?> LoneSilo() => new()
    {
        ["Cluster:SiloPort"] = Tcp().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = Tcp().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}",
    };
}
