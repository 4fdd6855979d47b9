using Dapper;
using Npgsql;

namespace Pbx.Data.Trunks;

/// <summary>
/// The <c>trunks</c> table: the API's reads and writes here, the call grains' and the edge's reads in
/// <c>TrunkRepository.Routing.cs</c>. A trunk's password is stored only protected (see <see cref="TrunkChange"/>).
/// </summary>
public sealed partial class TrunkRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, description, enabled, host, port, transport, outbound_proxy as OutboundProxy, username, realm,
        (password_protected is not null or ha1_md5 is not null) as HasPassword, register, register_expires as RegisterExpires,
        allowed_networks::text[] as AllowedNetworks, codecs, max_calls as MaxCalls, default_caller_id as DefaultCallerId, privacy,
        country_code as CountryCode, national_prefix as NationalPrefix, international_prefix as InternationalPrefix,
        national_length as NationalLength, carrier_format as CarrierFormat, updated_at as UpdatedAt
        """;

    private const string Assignments = """
        description = @Description, enabled = @Enabled, host = @Host, port = @Port, transport = @Transport,
        outbound_proxy = @OutboundProxy, username = @Username, realm = @Realm,
        password_protected = case when @PasswordGiven then @PasswordProtected else password_protected end,
        ha1_md5 = case when @PasswordGiven then @Ha1Md5 else ha1_md5 end,
        register = @Register, register_expires = @RegisterExpires, allowed_networks = @AllowedNetworks::cidr[], codecs = @Codecs,
        max_calls = @MaxCalls, default_caller_id = @DefaultCallerId, privacy = @Privacy, country_code = @CountryCode,
        national_prefix = @NationalPrefix, international_prefix = @InternationalPrefix, national_length = @NationalLength,
        carrier_format = @CarrierFormat, updated_at = now()
        """;

    /// <summary>Every trunk, by id.</summary>
    public async Task<IReadOnlyList<Trunk>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Trunk>(new CommandDefinition($"select {Columns} from trunks order by id", cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The trunk <paramref name="id"/>, or null.</summary>
    public async Task<Trunk?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Trunk>(new CommandDefinition(
            $"select {Columns} from trunks where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether trunk <paramref name="id"/> exists.</summary>
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from trunks where id = @id)", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The encrypted password of trunk <paramref name="id"/> (null when none, or only its HA1, is stored): the API decrypts
    /// it to compute the HA1 again when the username or realm changes without a new password.
    /// </summary>
    public async Task<string?> FindProtectedPasswordAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select password_protected from trunks where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The ids among <paramref name="ids"/> that name a trunk.</summary>
    public async Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select id from trunks where id = any(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Creates the trunk; null when its id exists. A registering trunk without a password throws <see cref="RowConflictException"/>.</summary>
    public Task<Trunk?> CreateAsync(TrunkChange trunk, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("trunks", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // Insert the key, then set every column through the same assignments as a replace.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "insert into trunks (id, host, country_code) values (@Id, @Host, @CountryCode) on conflict (id) do nothing returning id",
                new { trunk.Id, trunk.Host, trunk.CountryCode }, transaction, cancellationToken: cancellationToken));
            var created = inserted is null ? null : await ReplaceAsync(connection, transaction, trunk, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        });

    /// <summary>
    /// Replaces every column of the trunk; null when there is none. A registering trunk left without a password (the
    /// table's check) throws <see cref="RowConflictException"/> with <see cref="RowConflict.CheckFailed"/>.
    /// </summary>
    public Task<Trunk?> UpdateAsync(TrunkChange trunk, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("trunks", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await ReplaceAsync(connection, null, trunk, cancellationToken);
        });

    /// <summary>Deletes trunk <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from trunks where id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private static Task<Trunk?> ReplaceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, TrunkChange trunk, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Trunk>(new CommandDefinition(
            $"update trunks set {Assignments} where id = @Id returning {Columns}", trunk, transaction, cancellationToken: cancellationToken));
}
