using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Registrar;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Extensions;
using Pbx.Silo.Hosting;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// Authenticated REGISTER throughput of the whole stack in one process (edge, digest, extension grains, PostgreSQL
/// write-behind), driven by sipp over UDP loopback: each call is REGISTER, 401, REGISTER with credentials, 200.
/// </summary>
public sealed class RegisterBench : IBenchSuite
{
    private const int Extensions = 1000;

    public string Name => "register";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        var calls = options.Quick ? 5_000 : 40_000;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase("bench"),
            ["Sip:Udp:0"] = "127.0.0.1:0",
            ["Sip:Tcp:0"] = "127.0.0.1:0",
            // sipp 3.6 answers only the first challenge and has no SHA-256.
            ["Sip:Auth:OfferSha256"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddGrains(typeof(ExtensionGrain).Assembly);
        builder.Services.AddExtensions(builder.Configuration);
        builder.Services.AddEdgeSip(builder.Configuration);
        builder.Services.AddSipRegistrar(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("pbx-bench-register-");
        try
        {
            var repository = host.Services.GetRequiredService<ExtensionRepository>();
            var injection = new StringBuilder("SEQUENTIAL\n");
            for (var i = 0; i < Extensions; i++)
            {
                var number = (10000 + i).ToString(CultureInfo.InvariantCulture);
                await repository.UpsertAsync(number, number, "pw-" + number, maxContacts: 5, cancellationToken);
                injection.Append(number).Append(";[authentication username=").Append(number).Append(" password=pw-").Append(number).Append("]\n");
            }
            var injectionPath = Path.Combine(directory.FullName, "extensions.csv");
            await File.WriteAllTextAsync(injectionPath, injection.ToString(), cancellationToken);
            var edge = host.Services.GetRequiredService<SipTransportSet>().UdpEndPoints[0];

            var clock = Stopwatch.StartNew();
            var (exitCode, output) = await RunSippAsync(sipp, edge, injectionPath, calls, directory.FullName, cancellationToken);
            clock.Stop();
            var perSecond = calls / clock.Elapsed.TotalSeconds;
            return
            [
                new BenchRow(Name, "authenticated REGISTER, UDP, 1 process",
                    $"{perSecond.ToString("N0", CultureInfo.InvariantCulture)} /s",
                    "8,000 /s",
                    $"{calls:N0} sipp calls over {Extensions:N0} extensions, {Environment.ProcessorCount} cores shared with sipp; sipp exit {exitCode}"
                        + (exitCode == 0 ? "" : $" ({FailedLine(output)})")),
            ];
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunSippAsync(string sipp, IPEndPoint edge, string injection, int calls, string workDir,
        CancellationToken cancellationToken)
    {
        var scenario = Path.Combine(RepositoryRoot.Path, "tests", "EdgeSip.Tests", "Registrar", "Sipp", "register-extensions.xml");
        var start = new ProcessStartInfo(sipp,
        [
            edge.ToString(), "-sf", scenario, "-inf", injection, "-t", "u1", "-i", "127.0.0.1",
            "-p", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture),
            "-m", calls.ToString(CultureInfo.InvariantCulture), "-r", "20000", "-l", "400", "-recv_timeout", "10000", "-nostdin",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FailedLine(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (line.Contains("Failed call", StringComparison.Ordinal))
                return line.Trim();
        }
        return "see sipp output";
    }
}
