using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.Grains.Extensions;
using Pbx.Grains.Trunks;

namespace Pbx.Data.Extensions;

/// <summary>
/// The <c>extensions</c> table, for every writer: the extension grains (their rows, batched), the call grains (outbound
/// settings), the CLI and seeding, and the API (by id, in <c>ExtensionRepository.ById.cs</c> and <c>.Settings.cs</c>).
/// Passwords never reach the database: they are turned into HA1 values for the configured realm (RFC 7616 section 3.4.2).
/// </summary>
public sealed partial class ExtensionRepository(NpgsqlDataSource dataSource, IOptions<SipRealmOptions> options, TimeProvider clock)
{
    // Unambiguous characters only: the password is read off a terminal and typed into a phone's keypad menu.
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int GeneratedPasswordLength = 20;

    private const string ConfigurationColumns = "number, display_name, realm, ha1_md5, ha1_sha256, enabled, max_contacts, settings::text";

    /// <summary>A random password for a new extension or user, to be shown once.</summary>
    public static string GeneratePassword(int length = GeneratedPasswordLength) => RandomNumberGenerator.GetString(PasswordAlphabet, length);

    /// <summary>
    /// The rows of <paramref name="numbers"/> in one query, in their order; null where there is none. The extension grains'
    /// batched read on activation (every phone's first REGISTER after a restart), so it stays on a plain positional reader:
    /// no per-row mapping cost on the REGISTER path.
    /// </summary>
    public async Task<ExtensionConfiguration?[]> FindManyAsync(IReadOnlyList<string> numbers)
    {
        await using var command = dataSource.CreateCommand($"select {ConfigurationColumns} from extensions where number = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = numbers.ToArray() });
        var found = new Dictionary<string, ExtensionConfiguration>(numbers.Count, StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var row = new ExtensionConfiguration(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetBoolean(5), reader.GetInt32(6), reader.GetString(7));
                found[row.Number] = row;
            }
        }
        var rows = new ExtensionConfiguration?[numbers.Count];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = found.GetValueOrDefault(numbers[i]);
        return rows;
    }

    /// <summary>
    /// Creates an extension (what <c>pbx extension add</c> does). Without <paramref name="password"/> one is generated.
    /// Returns the password to show once, or null when the number already exists (nothing is changed then).
    /// </summary>
    public async Task<string?> AddAsync(string number, string? displayName = null, string? password = null, CancellationToken cancellationToken = default)
    {
        password ??= GeneratePassword();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into extensions (number, display_name, realm, ha1_md5, ha1_sha256) values (@Number, @DisplayName, @Realm, @Md5, @Sha256)
            on conflict (number) do nothing
            """,
            Credentials(number, displayName ?? "", password), cancellationToken: cancellationToken));
        return added == 1 ? password : null;
    }

    /// <summary>Creates the extension or overwrites its name, password and contact limit (the seed step: idempotent).</summary>
    public async Task UpsertAsync(string number, string displayName, string password, int maxContacts, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into extensions (number, display_name, realm, ha1_md5, ha1_sha256, max_contacts) values (@Number, @DisplayName, @Realm, @Md5, @Sha256, @MaxContacts)
            on conflict (number) do update set display_name = excluded.display_name, realm = excluded.realm,
                ha1_md5 = excluded.ha1_md5, ha1_sha256 = excluded.ha1_sha256, max_contacts = excluded.max_contacts, updated_at = now()
            """,
            Credentials(number, displayName, password) with { MaxContacts = maxContacts }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the extension's password (HA1 values for the configured realm); false when it does not exist.</summary>
    public async Task<bool> SetPasswordAsync(string number, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update extensions set realm = @Realm, ha1_md5 = @Md5, ha1_sha256 = @Sha256, updated_at = now() where number = @Number",
            Credentials(number, "", password), cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Enables or disables the extension; false when it does not exist. Tell its grain with <see cref="IExtensionGrain.ReloadAsync"/>.</summary>
    public async Task<bool> SetEnabledAsync(string number, bool enabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update extensions set enabled = @enabled, updated_at = now() where number = @number", new { number, enabled },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Whether extension <paramref name="number"/> exists.</summary>
    public async Task<bool> ExistsAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from extensions where number = @number)", new { number }, cancellationToken: cancellationToken));
    }

    /// <summary>The numbers of the enabled extensions, in number order.</summary>
    public async Task<IReadOnlyList<string>> ListEnabledNumbersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select number from extensions where enabled order by number", cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The outbound settings of extension <paramref name="number"/> (read per trunk call), or <see cref="ExtensionOutbound.Unknown"/>.</summary>
    public async Task<ExtensionOutbound> FindOutboundAsync(string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Group, string Permission, string? CallerId, int Concurrent, int PerHour, int MinutesPerDay)?>(
            """
            select extension_group, permission_class, outbound_caller_id, max_outbound_calls, outbound_calls_per_hour, outbound_minutes_per_day
            from extensions where number = @number
            """, new { number });
        if (row is not { } found)
            return ExtensionOutbound.Unknown;
        var permission = found.Permission switch
        {
            "international" => PermissionClass.International,
            "national" => PermissionClass.National,
            _ => PermissionClass.Internal,
        };
        return new ExtensionOutbound(found.Group, permission, found.CallerId, new OutboundLimits(found.Concurrent, found.PerHour, found.MinutesPerDay));
    }

    private CredentialArguments Credentials(string number, string displayName, string password)
    {
        var realm = options.Value.Realm;
        return new CredentialArguments(number, displayName, realm, SipCredentialHash.Md5(number, realm, password),
            SipCredentialHash.Sha256(number, realm, password));
    }

    private sealed record CredentialArguments(string Number, string DisplayName, string Realm, string Md5, string Sha256)
    {
        public long Id { get; init; }

        public int MaxContacts { get; init; }

        public bool Enabled { get; init; } = true;

        public DateTime Now { get; init; }
    }
}
