using Npgsql;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Reads what call grains route by: trunks, dial rules, DIDs and extensions' outbound settings. Read per call, so an edit
/// through the API applies to the next call without a cache to invalidate.
/// </summary>
public sealed class TrunkCatalog(NpgsqlDataSource dataSource)
{
    /// <summary>The enabled trunk <paramref name="trunkId"/>, or null.</summary>
    public async Task<TrunkSettings?> FindTrunkAsync(string trunkId)
    {
        await using var command = dataSource.CreateCommand(
            """
            select id, host, port, transport, max_calls, default_caller_id, privacy,
                   country_code, national_prefix, international_prefix, national_length, carrier_format, codecs
            from trunks where id = $1 and enabled
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = trunkId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        var format = reader.GetString(11) switch
        {
            "international" => CarrierNumberFormat.International,
            "national" => CarrierNumberFormat.National,
            _ => CarrierNumberFormat.E164,
        };
        var plan = new NumberPlan(reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetInt32(10), CarrierFormat: format);
        return new TrunkSettings(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6), plan, reader.GetFieldValue<string[]>(12));
    }

    /// <summary>Every dial rule.</summary>
    public async Task<IReadOnlyList<DialRule>> ListDialRulesAsync()
    {
        await using var command = dataSource.CreateCommand("select extension_group, prefix, strip, prepend, trunk_ids from dial_rules");
        await using var reader = await command.ExecuteReaderAsync();
        var rules = new List<DialRule>();
        while (await reader.ReadAsync())
            rules.Add(new DialRule(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<string[]>(4)));
        return rules;
    }

    /// <summary>The outbound settings of extension <paramref name="number"/>, or <see cref="ExtensionOutbound.Unknown"/>.</summary>
    public async Task<ExtensionOutbound> FindOutboundAsync(string number)
    {
        await using var command = dataSource.CreateCommand(
            "select extension_group, permission_class, outbound_caller_id from extensions where number = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return ExtensionOutbound.Unknown;
        var permission = reader.GetString(1) switch
        {
            "international" => PermissionClass.International,
            "national" => PermissionClass.National,
            _ => PermissionClass.Internal,
        };
        return new ExtensionOutbound(reader.GetString(0), permission, reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Every DID.</summary>
    public async Task<IReadOnlyList<DidDestination>> ListDidsAsync()
    {
        await using var command = dataSource.CreateCommand("select number, destination_kind, destination_target, trunk_id from did_numbers");
        await using var reader = await command.ExecuteReaderAsync();
        var dids = new List<DidDestination>();
        while (await reader.ReadAsync())
        {
            dids.Add(new DidDestination(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return dids;
    }
}
