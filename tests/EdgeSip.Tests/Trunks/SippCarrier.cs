using System.Diagnostics;
using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.EdgeSip.Tests.Trunks;

/// <summary>sipp playing a carrier: a UAS scenario from Trunks/Scenarios on 127.0.0.1:<see cref="Port"/>, run for one call.</summary>
internal sealed class SippCarrier : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private SippCarrier(Process process, int port)
    {
        _process = process;
        Port = port;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; }

    // Requests sent before sipp has bound its socket are retransmitted by timer A (RFC 3261 17.1.1.2), so no readiness wait is needed.
    /// <param name="scenario">File name in Trunks/Scenarios.</param>
    /// <param name="port">The port to listen on (a restarted carrier reuses its predecessor's); a free one when null.</param>
    public static SippCarrier Start(string scenario, int? port = null)
    {
        var sipp = ExternalTool.Require("sipp", "sip-tester");
        port ??= FreePort.UdpAndTcp();
        var start = new ProcessStartInfo(sipp,
        [
            "-sf", Path.Combine(AppContext.BaseDirectory, "Trunks", "Scenarios", scenario), "-m", "1", "-t", "u1",
            "-i", "127.0.0.1", "-p", port.Value.ToString(CultureInfo.InvariantCulture), "-timeout", "15s", "-nostdin",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        return new SippCarrier(Process.Start(start) ?? throw new InvalidOperationException("sipp did not start"), port.Value);
    }

    /// <summary>Waits for the scenario to end: exit code 0 when it ran to its end, with sipp's output for the failure message.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(timeout.Token);
        var stdout = await _stdout;
        return (_process.ExitCode, $"{await _stderr}\n{(stdout.Length <= 2000 ? stdout : stdout[^2000..])}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
