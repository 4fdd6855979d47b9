using System.Diagnostics;
using System.Globalization;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Hosting;

/// <summary>The standard SIP test tool (sipp, Debian sip-tester) pings the edge over UDP and TCP and must get 200.</summary>
public sealed class SippInteropTests
{
    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Sipp_options_ping_gets_200(string transport)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        await using var edge = await EdgeHost.StartAsync();
        var target = transport == "u1" ? edge.Udp : edge.Tcp;
        var scenario = Path.Combine(AppContext.BaseDirectory, "Hosting", "Scenarios", "options.xml");
        var psi = new ProcessStartInfo(sipp,
        [
            $"127.0.0.1:{target.Port.ToString(CultureInfo.InvariantCulture)}", "-sf", scenario, "-m", "1", "-t", transport,
            "-i", "127.0.0.1", "-p", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture), "-timeout", "10", "-nostdin",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"sipp failed: {await errors}\n{(await output)[^Math.Min(2000, (await output).Length)..]}");
    }
}
