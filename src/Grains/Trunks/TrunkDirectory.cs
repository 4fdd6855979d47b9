using System.Net;
using Npgsql;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Reads the trunks to register, inbound sources and call credentials from the <c>trunks</c> table. The sources are cached
/// briefly: the trunks API invalidates them in its process, other writers' changes apply within <see cref="SourcesLifetime"/>.
/// </summary>
public sealed class TrunkDirectory(NpgsqlDataSource dataSource, TimeProvider time) : ITrunkDirectory
{
    /// <summary>How long a read of the trunks' sources serves INVITEs: the longest a change made elsewhere takes to apply.</summary>
    public static readonly TimeSpan SourcesLifetime = TimeSpan.FromSeconds(5);

    private volatile CachedSources? _sources;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrunkRegistrationRow>> ListRegisteringAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select id, host, port, transport, outbound_proxy, username, realm, ha1_md5, register_expires, updated_at
            from trunks where enabled and register order by id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TrunkRegistrationRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TrunkRegistrationRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), NullableString(reader, 4),
                reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7),
                TimeSpan.FromSeconds(reader.GetInt32(8)), reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return rows;
    }

    /// <inheritdoc />
    public async Task<string?> IdentifySourceAsync(IPAddress address, int port, CancellationToken cancellationToken)
        => (await SourcesAsync().WaitAsync(cancellationToken)).Identify(address, port);

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
        await using var command = dataSource.CreateCommand("select id, host, port, allowed_networks::text[] from trunks where enabled order by id");
        await using var reader = await command.ExecuteReaderAsync();
        var networks = new List<(string TrunkId, IPNetwork Network)>();
        var hosts = new List<(string TrunkId, string Host, int Port)>();
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            foreach (var network in reader.GetFieldValue<string[]>(3))
                networks.Add((id, IPNetwork.Parse(network)));
            hosts.Add((id, reader.GetString(1), reader.GetInt32(2)));
        }
        return new TrunkSourceTable(networks, hosts);
    }

    /// <inheritdoc />
    public async Task<TrunkCredentials?> FindCredentialsAsync(string trunkId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select username, realm, ha1_md5 from trunks where id = $1 and username is not null and realm is not null and ha1_md5 is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = trunkId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new TrunkCredentials(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private sealed record CachedSources(Task<TrunkSourceTable> Table, long LoadedAt);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
