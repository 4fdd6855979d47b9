using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests;

/// <summary>One sipp process running a scenario of the Sipp folder once, against the PBX on loopback.</summary>
internal static class Sipp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    // sipp binds four media ports from -mp up (audio RTP/RTCP, video RTP/RTCP), so a free port from the system is not
    // enough. The blocks come from below the kernel's ephemeral range (32768 up), where no socket the OS hands out (an
    // RtpSink, a sipp signalling port) can take them, start at a base that differs between test processes, and are
    // checked free before use.
    private const int FirstMediaPort = 22000;
    private const int LastMediaPort = 29996;
    private static int _nextMediaPort = FirstMediaPort + Environment.ProcessId % 1000 * 8;

    /// <summary>
    /// Starts sipp with <paramref name="scenario"/> as extension <paramref name="number"/> (its digest credentials in -au/-ap),
    /// from 127.0.0.1:<paramref name="port"/>. <paramref name="service"/> is [service] (the number dialled or registered);
    /// <paramref name="keys"/> become [name] keywords; <paramref name="replace"/> edits the scenario text first.
    /// </summary>
    public static SippProcess Start(string scenario, IPEndPoint pbx, string number, int port, string? service = null,
        IReadOnlyDictionary<string, string>? keys = null, (string From, string To)? replace = null) =>
        SippProcess.Start(folder =>
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "Pbx.IntegrationTests", "Sipp", scenario));
            if (replace is { } r)
                text = text.Replace(r.From, r.To, StringComparison.Ordinal);
            var scenarioPath = Path.Combine(folder.FullName, scenario);
            File.WriteAllText(scenarioPath, text);
            var arguments = new List<string>
            {
                pbx.ToString(), "-sf", scenarioPath, "-m", "1", "-t", "u1",
                "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
                "-mi", "127.0.0.1", "-mp", FreeMediaBlock().ToString(CultureInfo.InvariantCulture),
                "-s", service ?? number, "-au", number, "-ap", PbxHost.Password(number),
                "-key", "caller", number,
                "-recv_timeout", "10000", "-timeout", "25s",
            };
            foreach (var (key, value) in keys ?? new Dictionary<string, string>())
                arguments.AddRange(["-key", key, value]);
            return arguments;
        }, Limit);

    /// <summary>The first of four consecutive UDP ports on 127.0.0.1 that are free now.</summary>
    private static int FreeMediaBlock()
    {
        while (true)
        {
            var port = Interlocked.Add(ref _nextMediaPort, 4);
            if (port > LastMediaPort)
            {
                Interlocked.CompareExchange(ref _nextMediaPort, FirstMediaPort, port);
                continue;
            }
            if (Enumerable.Range(port, 4).All(UdpPortIsFree))
                return port;
        }
    }

    private static bool UdpPortIsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs a scenario to its end; see <see cref="Start"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, IPEndPoint pbx, string number, int port, string? service = null,
        IReadOnlyDictionary<string, string>? keys = null, (string From, string To)? replace = null)
    {
        await using var sipp = Start(scenario, pbx, number, port, service, keys, replace);
        return await sipp.WaitAsync();
    }
}
