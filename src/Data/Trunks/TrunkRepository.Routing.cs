using Dapper;
using Pbx.Grains.Trunks;

namespace Pbx.Data.Trunks;

/// <summary>What call grains route by and what the edge registers and authenticates with: enabled trunks only.</summary>
public sealed partial class TrunkRepository
{
    /// <summary>The enabled trunk <paramref name="trunkId"/> as call control uses it, or null.</summary>
    public async Task<TrunkSettings?> FindEnabledAsync(string trunkId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<RoutingRow>(
            """
            select id, host, port, transport, max_calls as MaxCalls, default_caller_id as DefaultCallerId, privacy,
                   country_code as CountryCode, national_prefix as NationalPrefix, international_prefix as InternationalPrefix,
                   national_length as NationalLength, carrier_format as CarrierFormat, codecs
            from trunks where id = @trunkId and enabled
            """,
            new { trunkId });
        if (row is null)
            return null;
        var format = row.CarrierFormat switch
        {
            "international" => CarrierNumberFormat.International,
            "national" => CarrierNumberFormat.National,
            _ => CarrierNumberFormat.E164,
        };
        var plan = new NumberPlan(row.CountryCode, row.NationalPrefix, row.InternationalPrefix, row.NationalLength, CarrierFormat: format);
        return new TrunkSettings(row.Id, row.Host, row.Port, row.Transport, row.MaxCalls, row.DefaultCallerId, row.Privacy, plan, row.Codecs);
    }

    /// <summary>The enabled trunks that register with their carrier, by id.</summary>
    public async Task<IReadOnlyList<TrunkRegistrationRow>> ListRegisteringAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
            """
            select id, host, port, transport, outbound_proxy as OutboundProxy, username, realm, ha1_md5 as Ha1Md5,
                   register_expires as RegisterExpires, updated_at as UpdatedAt
            from trunks where enabled and register order by id
            """,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new TrunkRegistrationRow(r.Id, r.Host, r.Port, r.Transport, r.OutboundProxy, r.Username, r.Realm, r.Ha1Md5,
            TimeSpan.FromSeconds(r.RegisterExpires), new DateTimeOffset(r.UpdatedAt, TimeSpan.Zero)))];
    }

    /// <summary>Where the enabled trunks' INVITEs may come from, by id.</summary>
    public async Task<IReadOnlyList<TrunkSource>> ListSourcesAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<TrunkSource>(
            "select id, host, port, allowed_networks::text[] as AllowedNetworks from trunks where enabled order by id")).AsList();
    }

    /// <summary>The digest credentials (HA1 for the realm) of trunk <paramref name="trunkId"/>, or null when it has none stored.</summary>
    public async Task<TrunkCredentials?> FindCredentialsAsync(string trunkId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Username, string Realm, string Ha1Md5)?>(new CommandDefinition(
            "select username, realm, ha1_md5 from trunks where id = @trunkId and username is not null and realm is not null and ha1_md5 is not null",
            new { trunkId }, cancellationToken: cancellationToken));
        return row is { } found ? new TrunkCredentials(found.Username, found.Realm, found.Ha1Md5) : null;
    }

    // Property rows: Dapper matches a constructor only by exact column types, and text[] reads as Array.
    private sealed class RoutingRow
    {
        public string Id { get; init; } = "";
        public string Host { get; init; } = "";
        public int Port { get; init; }
        public string Transport { get; init; } = "";
        public int MaxCalls { get; init; }
        public string? DefaultCallerId { get; init; }
        public bool Privacy { get; init; }
        public string CountryCode { get; init; } = "";
        public string NationalPrefix { get; init; } = "";
        public string InternationalPrefix { get; init; } = "";
        public int NationalLength { get; init; }
        public string CarrierFormat { get; init; } = "";
        public string[] Codecs { get; init; } = [];
    }

    private sealed class RegistrationRow
    {
        public string Id { get; init; } = "";
        public string Host { get; init; } = "";
        public int Port { get; init; }
        public string Transport { get; init; } = "";
        public string? OutboundProxy { get; init; }
        public string Username { get; init; } = "";
        public string? Realm { get; init; }
        public string? Ha1Md5 { get; init; }
        public int RegisterExpires { get; init; }
        public DateTime UpdatedAt { get; init; }
    }
}
