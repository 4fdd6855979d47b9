using Npgsql;

namespace Pbx.Grains.Trunks;

/// <summary>Reads the trunks to register from the <c>trunks</c> table.</summary>
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

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
