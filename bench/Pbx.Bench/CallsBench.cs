using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Extensions;
using Orleans;
using Pbx.MediaNode.Rtp;
using Pbx.Silo.Startup;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// Call set-up through the B2BUA on the whole embedded PBX (edge, digest, call grains, media anchored with SDP rewritten,
/// CDRs in PostgreSQL), driven by sipp over UDP loopback: a caller sipp at a ladder of rates, each call authenticated
/// (407), answered by a callee sipp bound to the callee extension, held 1 s and hung up; then calls held a minute with
/// RTP both ways through the media node (<c>CallsBench.Rtp.cs</c>).
/// </summary>
public sealed partial class CallsBench : IBenchSuite
{
    internal const int TargetRate = 1000;
    internal const int FirstCaller = 20000;
    internal const int Callee = 40000;
    internal const string EdgeNodeId = "bench";
    internal static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);

    // Long enough for the CDR writer to drain behind a saturated run; a CDR later than this counts as missing.
    internal static readonly TimeSpan CdrDeadline = TimeSpan.FromSeconds(60);

    public string Name => "calls";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        // Calls cycle through the callers, so at 1,000/s each caller has about one call up; all call one callee (CallScenarios).
        var callers = options.Quick ? 1_000 : 3_000;
        int[] rates = options.Quick ? [300, 600] : [600, 800, 1000, 1200];
        var seconds = options.Quick ? 5 : 15;
        var directory = Directory.CreateTempSubdirectory("pbx-bench-calls-");
        var calleePort = FreePort.UdpAndTcp();
        await using var app = await StartPbxAsync(cancellationToken);
        try
        {
            var (callees, run, _) = await PrepareCallsAsync(app, sipp, directory.FullName, callers, calleePort, cancellationToken);
            await using var calleeSipp = callees;

            var rows = new List<BenchRow>();
            var best = 0.0;
            foreach (var rate in rates)
            {
                var result = await run.RunAsync(CallScenarios.Caller(Hold), rate * seconds, rate, rate * 4, Hold, CdrDeadline, cancellationToken);
                if (result.Failed == 0 && result.CallsPerSecond > best)
                    best = result.CallsPerSecond;
                rows.Add(new BenchRow(Name, $"call set-up, media anchored, 1 s hold ({rate:N0}/s offered for {seconds} s)",
                    $"{Text(result.CallsPerSecond, "N0")} /s",
                    rate == TargetRate ? $"{TargetRate:N0} /s, < 0.1% failed, p99 <= 200 ms, every CDR" : "",
                    result.Notes(callers)));
            }
            rows.Add(new BenchRow(Name, "call set-up, media anchored (highest rate with 0 failures)", $"{Text(best, "N0")} /s",
                $"{TargetRate:N0} /s", $"best of {rates.Length} rates"));
            rows.Add(await RunRtpAsync(run, app.Services.GetRequiredService<MediaCounters>(), options, cancellationToken));
            return rows;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// What every call run on <paramref name="app"/> needs: <paramref name="callers"/> caller extensions and the callee
    /// seeded, the callee bound to a sipp UAS on <paramref name="calleePort"/> (started here), and the caller sipp's runner.
    /// </summary>
    internal static async Task<(SippProcess Callees, CallerRun Run, string Edge)> PrepareCallsAsync(WebApplication app, string sipp,
        string workDir, int callers, int calleePort, CancellationToken cancellationToken)
    {
        var realm = app.Services.GetRequiredService<IOptions<SipRealmOptions>>().Value.Realm;
        var database = app.Services.GetRequiredService<NpgsqlDataSource>();
        await RegisterBench.SeedAsync(database, realm, FirstCaller, callers, cancellationToken);
        await RegisterBench.SeedAsync(database, realm, Callee, 1, cancellationToken);
        await BindCalleeAsync(app.Services.GetRequiredService<IGrainFactory>(), calleePort);
        var injection = Path.Combine(workDir, "calls.csv");
        await File.WriteAllTextAsync(injection, RegisterBench.InjectionFile(FirstCaller, callers), cancellationToken);
        var callees = await StartCalleeAsync(sipp, workDir, calleePort, cancellationToken);
        var edge = app.Services.GetRequiredService<SipTransportSet>().UdpEndPoints[0].ToString();
        return (callees, new CallerRun(sipp, edge, Text(Callee), injection, workDir, database), edge);
    }

    internal static async Task<WebApplication> StartPbxAsync(CancellationToken cancellationToken)
    {
        string[] args =
        [
            $"--Database:ConnectionString={PostgresServer.Shared.CreateDatabase("bench_calls")}",
            "--Urls=http://127.0.0.1:0",
            "--Roles:Api=false",
            "--Seed:Enabled=false",
            "--Log:Level=Warning",
            "--Sip:Udp:0=127.0.0.1:0",
            "--Sip:Tcp:0=127.0.0.1:0",
            $"--Sip:Registrar:EdgeNodeId={EdgeNodeId}",
            "--Media:BindAddress=127.0.0.1",
            "--Media:Address=127.0.0.1",
            // 5,000 port pairs: two per call, more than 1,000 calls up at the top of the ladder.
            "--Media:RtpPortMin=20000",
            "--Media:RtpPortMax=29999",
        ];
        var app = PbxApplication.Build(PbxApplication.CreateBuilder(args), new RoleOptions { Api = false });
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>
    /// The callee sipp answering every call on <paramref name="port"/>, for every run; -rtp_echo sends each RTP packet back
    /// to the media node (the RTP part).
    /// </summary>
    internal static async Task<SippProcess> StartCalleeAsync(string sipp, string workDir, int port, CancellationToken cancellationToken)
    {
        var scenario = Path.Combine(workDir, "callee.xml");
        await File.WriteAllTextAsync(scenario, CallScenarios.Callee, cancellationToken);
        return SippProcess.Start(sipp,
        [
            "-sf", scenario, "-t", "u1", "-i", "127.0.0.1", "-p", Text(port), "-mi", "127.0.0.1",
            "-mp", Text(FreePort.UdpAndTcp()), "-rtp_echo", "-nostdin", "-fd", "3600", "-buff_size", "4194304",
        ], workDir);
    }

    /// <summary>The callee extension gets one binding at the callee sipp, as its REGISTER would have made.</summary>
    internal static async Task BindCalleeAsync(IGrainFactory grains, int port)
    {
        var number = Text(Callee);
        var outcome = await grains.GetGrain<IExtensionGrain>(number).RegisterAsync(new RegisterRequest(
            [new RegisterContact($"sip:{number}@127.0.0.1:{Text(port)}")], false, 3600, $"bench-{number}", 1,
            "127.0.0.1", port, "udp", EdgeNodeId, "call-bench", []));
        if (outcome.Result != RegisterResult.Ok)
            throw new InvalidOperationException($"binding callee {number} failed: {outcome.Result}");
    }

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
