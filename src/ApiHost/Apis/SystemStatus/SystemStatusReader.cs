using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Pbx.ApiHost.Apis.Recordings;
using Pbx.ApiHost.Apis.Stats;
using Pbx.Data.Health;
using Pbx.Grains.Calls;
using Pbx.Grains.Cluster;
using Pbx.Grains.Media;

namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>
/// Gathers the system status from what the PBX already keeps: Orleans' membership (the management grain), the edges' and
/// media nodes' directory grains, the live statistics, a database round trip and the recordings folder's file system.
/// Every part is asked at once and waited for at most <see cref="PartTimeout"/>.
/// </summary>
internal sealed partial class SystemStatusReader(
    IGrainFactory grains, ILiveCallStatistics live, DatabaseProbe database, IOptions<RecordingOptions> recordings, TimeProvider clock,
    ILogger<SystemStatusReader> logger)
{
    /// <summary>How long one part may take: a silo that died is found by Orleans only after <c>Cluster:FailureDetection</c>.</summary>
    public static readonly TimeSpan PartTimeout = TimeSpan.FromSeconds(5);

    public static readonly string Version =
        typeof(SystemStatusReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<SystemStatusResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        var silos = PartAsync("silos", SilosAsync, unavailable, cancellationToken);
        var edges = PartAsync("sipEdges", EdgesAsync, unavailable, cancellationToken);
        var media = PartAsync("mediaNodes", MediaNodesAsync, unavailable, cancellationToken);
        var registered = PartAsync("registeredExtensions", async () => (int?)await live.CountRegisteredExtensionsAsync(cancellationToken), unavailable, cancellationToken);
        var calls = PartAsync("activeCalls", async () => (int?)await live.CountActiveCallsAsync(cancellationToken), unavailable, cancellationToken);
        var ping = await database.PingAsync(cancellationToken);
        if (ping.Failure is not null)
            LogDatabaseUnreachable(ping.Failure);
        return new SystemStatusResponse(Version, clock.GetUtcNow(), await silos, await edges, await media, await registered, await calls,
            new DatabaseStatus(ping.Reachable, ping.Latency?.TotalMilliseconds), Disk(), unavailable);
    }

    private async Task<IReadOnlyList<SiloInfo>> SilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return [.. hosts.OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal).Select(h => new SiloInfo(
            h.SiloAddress.ToParsableString(), h.SiloName, h.HostName, h.Status.ToString(), Utc(h.StartTime), Utc(h.IAmAliveTime)))];
    }

    private async Task<IReadOnlyList<string>> EdgesAsync() =>
        [.. (await NodeDirectory.Of<ICallEdge>(grains).GetLiveAsync()).Select(n => n.NodeId).Order(StringComparer.Ordinal)];

    private async Task<IReadOnlyList<MediaNodeInfo>> MediaNodesAsync() =>
        [.. (await grains.GetMediaDirectory().GetLiveNodesAsync()).OrderBy(n => n.NodeId, StringComparer.Ordinal)
            .Select(n => new MediaNodeInfo(n.NodeId, n.Report.ActiveEndpoints, n.Report.FreePortPairs, n.ReportedAt))];

    private DiskStatus Disk()
    {
        var directory = Path.GetFullPath(recordings.Value.RecordingsDirectory);
        try
        {
            // The drive of the nearest existing folder: the media node creates the recordings folder on its first recording.
            var existing = directory;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
                existing = parent;
            var drive = new DriveInfo(existing);
            return new DiskStatus(directory, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogDiskUnreadable(directory, ex);
            return new DiskStatus(directory, null, null);
        }
    }

    private async Task<T?> PartAsync<T>(string part, Func<Task<T>> read, Dictionary<string, string> unavailable, CancellationToken cancellationToken)
    {
        try
        {
            return await read().WaitAsync(PartTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or DbException)
        {
            // The registrations are counted over the enabled extensions' rows, so a database that is down fails that part too.
            LogPartUnavailable(part, ex);
            lock (unavailable)
            {
                unavailable[part] = ex switch
                {
                    TimeoutException => $"No answer within {PartTimeout.TotalSeconds:0} s.",
                    DbException => "The database did not answer.",
                    _ => "The cluster did not answer.",
                };
            }
            return default;
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
