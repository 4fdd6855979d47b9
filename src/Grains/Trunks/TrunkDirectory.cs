using System.Net;
using Npgsql;

namespace Pbx.Grains.Trunks;

/// <summary>Reads the trunks to register, inbound sources and call credentials from the <c>trunks</c> table.</summary>
public sealed class TrunkDirectory(NpgsqlDataSource dataSource) : ITrunkDirectory
{
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
    {
        await using var command = dataSource.CreateCommand("select id, host, port, allowed_networks::text[] from trunks where enabled order by id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var networks = new List<(string TrunkId, IPNetwork Network)>();
        var hosts = new List<(string TrunkId, string Host, int Port)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            foreach (var network in reader.GetFieldValue<string[]>(3))
                networks.Add((id, IPNetwork.Parse(network)));
            hosts.Add((id, reader.GetString(1), reader.GetInt32(2)));
        }
        if (new TrunkSourceTable(networks).Identify(address) is { } byNetwork)
            return byNetwork;
        // The carrier's own host is matched with its port: a phone on the same address (a shared NAT, or loopback in a
        // test) is not the carrier, and carriers send from the port they are reached on (RFC 3261 18.2.2 symmetric use).
        var source = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var (id, host, hostPort) in hosts)
        {
            if (hostPort == port && IPAddress.TryParse(host, out var literal) && literal.Equals(source))
                return id;
        }
        return null;
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

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
