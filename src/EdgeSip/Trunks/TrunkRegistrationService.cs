using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Transport;
using Orleans;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// Runs one <see cref="TrunkRegistrationLoop"/> per trunk with register = true, reading the trunk table every
/// <see cref="TrunkRegistrationOptions.PollInterval"/>: a new trunk starts registering, a changed row (updated_at moved)
/// restarts its loop with a fresh Call-ID, and a removed or disabled trunk is un-registered (RFC 3261 10.2.2).
/// </summary>
public sealed partial class TrunkRegistrationService(
    ITrunkDirectory directory, IGrainFactory grains, SipClient client, SipTransportSet transports,
    IOptions<TrunkRegistrationOptions> options, TimeProvider time, ILogger<TrunkRegistrationService> logger) : BackgroundService
{
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(stoppingToken);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_running.Values.Select(r => r.StopAsync()));
            _running.Clear();
        }
    }

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<TrunkRegistrationRow> rows;
        try
        {
            rows = await directory.ListRegisteringAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be restarting; the running loops keep their registrations until it answers again.
            LogDirectoryFailed(ex);
            return;
        }
        var wanted = rows.ToDictionary(r => r.TrunkId, StringComparer.Ordinal);
        foreach (var (id, running) in _running.ToList())
        {
            if (wanted.TryGetValue(id, out var row) && row.UpdatedAt == running.Row.UpdatedAt)
                continue;
            _running.Remove(id);
            await running.StopAsync();
        }
        foreach (var row in rows)
        {
            if (_running.ContainsKey(row.TrunkId))
                continue;
            if (await StartAsync(row, stoppingToken) is { } started)
                _running[row.TrunkId] = started;
        }
    }

    private async Task<Running?> StartAsync(TrunkRegistrationRow row, CancellationToken stoppingToken)
    {
        if (row.Ha1Md5 is null)
        {
            LogNoUsableSecret(row.TrunkId);
            await ReportUnstartableAsync(row, "No digest secret for the carrier's realm is stored: save the trunk's password with its realm.");
            return null;
        }
        var kind = row.Transport == "tcp" ? SipTransportKind.Tcp : SipTransportKind.Udp;
        var (targetHost, targetPort) = row.OutboundProxy is { Length: > 0 } proxy ? SplitHostPort(proxy, row.Port) : (row.Host, row.Port);
        IPAddress address;
        try
        {
            address = await ResolveAsync(targetHost, stoppingToken);
        }
        catch (SocketException ex)
        {
            LogUnresolvable(row.TrunkId, targetHost, ex.Message);
            await ReportUnstartableAsync(row, $"Host {targetHost} does not resolve: {ex.Message}");
            return null;
        }
        var endpoint = new TrunkEndpoint(row.TrunkId, row.Host, new SipEndPoint(kind, new IPEndPoint(address, targetPort)));
        var secret = new TrunkSecret(row.Username, null, row.Realm, row.Ha1Md5);
        var loop = new TrunkRegistrationLoop(new TrunkRegistration(client, transports, endpoint, secret),
            grains.Grain<ITrunkGrain>(row.TrunkId), row.Expires, time, row.UpdatedAt);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        LogStarted(row.TrunkId, endpoint.Destination.ToString());
        return new Running(row, stop, Task.Run(() => loop.RunAsync(stop.Token), CancellationToken.None));
    }

    /// <summary>
    /// A trunk this edge cannot register shows why in its status, not only in this log: the attempt is reported failed
    /// (and tried again at the next poll).
    /// </summary>
    private async Task ReportUnstartableAsync(TrunkRegistrationRow row, string reason)
    {
        try
        {
            await grains.Grain<ITrunkGrain>(row.TrunkId).OnRegisterOutcomeAsync(new TrunkRegisterOutcome(false, TimeSpan.Zero, reason, row.UpdatedAt));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cluster may be restarting: the next poll reports again.
            LogReportFailed(row.TrunkId, ex);
        }
    }

    private static (string Host, int Port) SplitHostPort(string value, int defaultPort)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && value.IndexOf(':') == colon && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (value[..colon], port)
            : (value, defaultPort);
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
            return literal;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
    }

    private sealed record Running(TrunkRegistrationRow Row, CancellationTokenSource Stop, Task Loop)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync();
            await Loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Stop.Dispose();
        }
    }
}
