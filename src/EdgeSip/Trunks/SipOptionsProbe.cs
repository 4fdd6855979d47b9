using System.Diagnostics;
using System.Net;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// Asks a carrier "are you there" with OPTIONS (RFC 3261 11) and times its final answer; any final response, even 404 or
/// 405, proves the carrier is reached. The wait is short: an administrator is looking at the button.
/// </summary>
public sealed class SipOptionsProbe(SipClient client)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>Sends the probe and reports what came back.</summary>
    public async Task<TrunkProbeResult> ProbeAsync(TrunkProbe probe)
    {
        if (!IPAddress.TryParse(probe.Address, out var address) || !SipUri.TryParse(probe.RequestUri, out var requestUri))
            return new TrunkProbeResult(null, $"{probe.Address} or {probe.RequestUri} is no address to send to", null);
        var transport = probe.Transport == "tcp" ? SipTransportKind.Tcp : SipTransportKind.Udp;
        var request = client.CreateRequest("OPTIONS", requestUri, new SipNameAddress(SipUri.Parse($"sip:pbx@{requestUri.Host}")),
            new SipNameAddress(requestUri));
        var clock = Stopwatch.StartNew();
        try
        {
            using var timeout = new CancellationTokenSource(Wait);
            var response = await client.SendAsync(request, new SipEndPoint(transport, new IPEndPoint(address, probe.Port)), cancellationToken: timeout.Token);
            return new TrunkProbeResult(response.StatusCode, response.ReasonPhrase, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException)
        {
            return new TrunkProbeResult(null, $"no answer in {Wait.TotalSeconds:0} s", null);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            return new TrunkProbeResult(null, e.Message, null);
        }
    }
}
