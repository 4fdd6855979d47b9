using System.Globalization;
using System.Net;
using System.Text;
using Pbx.TestSupport;

namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>Runs sipp with one of this folder's scenarios against the edge on loopback, with extensions from an injection file.</summary>
internal static class Sipp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="scenario"/> once per credential pair; returns sipp's exit code (0 = every call succeeded) and its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, IPEndPoint edge, string transport, IPAddress source,
        IReadOnlyList<(string Number, string Password)> credentials)
    {
        await using var sipp = SippProcess.Start(folder =>
        {
            var injection = Path.Combine(folder.FullName, "extensions.csv");
            var lines = new StringBuilder("SEQUENTIAL\n");
            foreach (var (number, password) in credentials)
                lines.Append(number).Append(";[authentication username=").Append(number).Append(" password=").Append(password).Append("]\n");
            File.WriteAllText(injection, lines.ToString());
            return
            [
                edge.ToString(), "-sf", Path.Combine(RepositoryRoot.Path, "tests", "EdgeSip.Tests", "Registrar", "Sipp", scenario), "-inf", injection,
                // u1/t1: one socket or connection for all calls, as a NATed phone farm behind one address would look.
                "-t", transport == "tcp" ? "t1" : "u1",
                "-i", source.ToString(), "-p", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture),
                "-m", credentials.Count.ToString(CultureInfo.InvariantCulture),
                "-r", "500", "-l", "100", "-recv_timeout", "5000", "-timeout", "50s", "-max_recv_loops", "1000",
            ];
        }, Limit);
        return await sipp.WaitAsync();
    }
}
