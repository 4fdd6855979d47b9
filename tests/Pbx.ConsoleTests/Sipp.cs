using System.Diagnostics;
using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.ConsoleTests;

/// <summary>Runs sipp as a phone against the embedded PBX's SIP port on loopback.</summary>
internal static class Sipp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Registers <paramref name="number"/> once with digest authentication; throws with sipp's output unless it got a 200.</summary>
    public static async Task RegisterAsync(int sipPort, string number, string password)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var directory = Directory.CreateTempSubdirectory("pbx-console-sipp-");
        try
        {
            string[] arguments =
            [
                $"127.0.0.1:{sipPort.ToString(CultureInfo.InvariantCulture)}", "-sf", Path.Combine(AppContext.BaseDirectory, "Sipp", "register.xml"),
                "-s", number, "-au", number, "-ap", password, "-t", "u1", "-i", "127.0.0.1",
                "-p", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture),
                "-m", "1", "-recv_timeout", "5000", "-timeout", "15s", "-nostdin",
            ];
            using var process = Process.Start(new ProcessStartInfo(sipp, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            }) ?? throw new InvalidOperationException("sipp did not start");
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
                throw new TimeoutException($"sipp did not finish within {Limit}: {await stderr}");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"sipp REGISTER of {number} failed ({process.ExitCode}): {await stderr}\n{(await stdout)[^Math.Min(3000, (await stdout).Length)..]}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
