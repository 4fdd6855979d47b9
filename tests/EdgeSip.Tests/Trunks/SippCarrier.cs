using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.EdgeSip.Tests.Trunks;

/// <summary>sipp playing a carrier: a UAS scenario from Trunks/Scenarios on 127.0.0.1:<see cref="Port"/>, run for one call.</summary>
internal sealed class SippCarrier : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly SippProcess _sipp;

    private SippCarrier(SippProcess sipp, int port)
    {
        _sipp = sipp;
        Port = port;
    }

    public int Port { get; }

    // Requests sent before sipp has bound its socket are retransmitted by timer A (RFC 3261 17.1.1.2), so no readiness wait is needed.
    /// <param name="scenario">File name in Trunks/Scenarios.</param>
    /// <param name="port">The port to listen on (a restarted carrier reuses its predecessor's); a free one when null.</param>
    public static SippCarrier Start(string scenario, int? port = null)
    {
        var listen = port ?? FreePort.UdpAndTcp();
        var sipp = SippProcess.Start(_ =>
        [
            "-sf", Path.Combine(AppContext.BaseDirectory, "Trunks", "Scenarios", scenario), "-m", "1", "-t", "u1",
            "-i", "127.0.0.1", "-p", listen.ToString(CultureInfo.InvariantCulture), "-timeout", "15s",
        ], Limit);
        return new SippCarrier(sipp, listen);
    }

    /// <summary>Waits for the scenario to end: exit code 0 when it ran to its end, with sipp's output for the failure message.</summary>
    public Task<(int ExitCode, string Output)> WaitAsync() => _sipp.WaitAsync();

    public ValueTask DisposeAsync() => _sipp.DisposeAsync();
}
