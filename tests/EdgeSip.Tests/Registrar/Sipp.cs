using System.Diagnostics;
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
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var directory = Directory.CreateTempSubdirectory("pbx-sipp-");
        try
        {
            var injection = Path.Combine(directory.FullName, "extensions.csv");
            var lines = new StringBuilder("SEQUENTIAL\n");
            foreach (var (number, password) in credentials)
                lines.Append(number).Append(";[authentication username=").Append(number).Append(" password=").Append(password).Append("]\n");
            await File.WriteAllTextAsync(injection, lines.ToString());
            var scenarioPath = Path.Combine(RepositoryRoot.Path, "tests", "EdgeSip.Tests", "Registrar", "Sipp", scenario);
            string[] arguments =
            [
                edge.ToString(), "-sf", scenarioPath, "-inf", injection,
                // u1/t1: one socket or connection for all calls, as a NATed phone farm behind one address would look.
                "-t", transport == "tcp" ? "t1" : "u1",
                "-i", source.ToString(), "-p", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture),
                "-m", credentials.Count.ToString(CultureInfo.InvariantCulture),
                "-r", "500", "-l", "100", "-recv_timeout", "5000", "-timeout", "50s", "-nostdin", "-max_recv_loops", "1000",
                "-trace_err", "-error_file", Path.Combine(directory.FullName, "errors.log"),
            ];
            var start = new ProcessStartInfo(sipp, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"sipp {scenario} did not finish within {Limit}: {await stderr}");
            }
            var errors = Path.Combine(directory.FullName, "errors.log");
            var errorLog = File.Exists(errors) ? await File.ReadAllTextAsync(errors) : "";
            return (process.ExitCode, $"{await stderr}\n{errorLog}\n{Tail(await stdout)}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
