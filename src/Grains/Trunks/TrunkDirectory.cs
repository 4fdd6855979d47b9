using System.Net;
using Pbx.Data.Trunks;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Serves the trunks to register, inbound sources and call credentials from the trunk repository. The sources are cached
/// briefly: the trunks API invalidates them in its process, other writers' changes apply within <see cref="SourcesLifetime"/>.
/// While PostgreSQL is away the last table read goes on serving: every INVITE asks it, and a phone's call between two
/// extensions must not fail because the trunks cannot be re-read.
/// </summary>
public sealed class TrunkDirectory(TrunkRepository trunks, TimeProvider time) : ITrunkDirectory
{
    /// <summary>How long a read of the trunks' sources serves INVITEs: the longest a change made elsewhere takes to apply.</summary>
    public static readonly TimeSpan SourcesLifetime = TimeSpan.FromSeconds(5);

    private volatile CachedSources? _sources;
    private volatile TrunkSourceTable? _lastRead;

    /// <inheritdoc />
    public Task<IReadOnlyList<TrunkRegistrationRow>> ListRegisteringAsync(CancellationToken cancellationToken) =>
        trunks.ListRegisteringAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<string?> IdentifySourceAsync(IPAddress address, int port, CancellationToken cancellationToken)
        => (await SourcesAsync().WaitAsync(cancellationToken)).Identify(address, port);

    /// <inheritdoc />
    public bool IsKnownSource(IPAddress address, int port) => _lastRead?.Identify(address, port) is not null;

    /// <inheritdoc />
    public void Invalidate() => _sources = null;

    /// <summary>
    /// The source table, read at most once per <see cref="SourcesLifetime"/> (every INVITE asks: two per call) and shared by
    /// concurrent askers; a failed read is not kept.
    /// </summary>
    private Task<TrunkSourceTable> SourcesAsync()
    {
        var current = _sources;
        if (current is not null && !current.Table.IsFaulted && time.GetElapsedTime(current.LoadedAt) < SourcesLifetime)
            return current.Table;
        var loading = new CachedSources(ReadSourcesAsync(), time.GetTimestamp());
        _sources = loading;
        return loading.Table;
    }

    private async Task<TrunkSourceTable> ReadSourcesAsync()
    {
        IReadOnlyList<TrunkSource> sources;
        try
        {
            sources = await trunks.ListSourcesAsync();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException && _lastRead is not null)
        {
            return _lastRead!;
        }
        var networks = new List<(string TrunkId, IPNetwork Network)>();
        var hosts = new List<(string TrunkId, string Host, int Port)>();
        foreach (var source in sources)
        {
            foreach (var network in source.AllowedNetworks)
                networks.Add((source.Id, IPNetwork.Parse(network)));
            hosts.Add((source.Id, source.Host, source.Port));
        }
        return _lastRead = new TrunkSourceTable(networks, hosts);
    }

    /// <inheritdoc />
    public Task<TrunkCredentials?> FindCredentialsAsync(string trunkId, CancellationToken cancellationToken) =>
        trunks.FindCredentialsAsync(trunkId, cancellationToken);

    private sealed record CachedSources(Task<TrunkSourceTable> Table, long LoadedAt);
}
