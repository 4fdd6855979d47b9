using System.Net;
using System.Net.Sockets;

namespace Pbx.TestSupport;

/// <summary>Loopback ports that nothing listens on right now.</summary>
public static class FreePort
{
    /// <summary>A TCP port on 127.0.0.1 that the OS just handed out and released.</summary>
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port free for both UDP and TCP on 127.0.0.1 (SIP listens on both).</summary>
    public static int UdpAndTcp() => UdpAndTcp(tcpPortsAbove: 0);

    /// <summary>
    /// A port free for UDP and TCP on 127.0.0.1 whose next port is free for TCP too: SIP user agents such as baresip listen
    /// for TLS one port above the <c>sip_listen</c> port, and a port the OS hands out may have its neighbour in use.
    /// </summary>
    public static int UdpAndTcpWithTlsAbove() => UdpAndTcp(tcpPortsAbove: 1);

    private static int UdpAndTcp(int tcpPortsAbove)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            var listeners = new List<TcpListener>();
            try
            {
                for (var offset = 0; offset <= tcpPortsAbove; offset++)
                {
                    var tcp = new TcpListener(IPAddress.Loopback, port + offset);
                    listeners.Add(tcp);
                    tcp.Start();
                }
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
                // Taken for TCP: try another.
            }
            finally
            {
                listeners.ForEach(listener => listener.Stop());
            }
        }
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
