using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Pbx.Grains.Extensions;

/// <summary>
/// Reads and writes the <c>extensions</c> table. Passwords never reach the database: they are turned into HA1 values for
/// the configured realm (RFC 7616 section 3.4.2) before the insert.
/// </summary>
public sealed class ExtensionRepository(NpgsqlDataSource dataSource, IOptions<SipRealmOptions> options)
{
    // Unambiguous characters only: the password is read off a terminal and typed into a phone's keypad menu.
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int GeneratedPasswordLength = 20;

    private const string Columns = "number, display_name, realm, ha1_md5, ha1_sha256, enabled, max_contacts, settings::text";

    /// <summary>A random password for a new extension, to be shown once.</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength);

    /// <summary>The rows of <paramref name="numbers"/> in one query, in their order; null where there is none.</summary>
    public async Task<ExtensionConfiguration?[]> FindManyAsync(IReadOnlyList<string> numbers)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from extensions where number = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = numbers.ToArray() });
        var found = new Dictionary<string, ExtensionConfiguration>(numbers.Count, StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var row = Read(reader);
                found[row.Number] = row;
            }
        }
        var rows = new ExtensionConfiguration?[numbers.Count];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = found.GetValueOrDefault(numbers[i]);
        return rows;
    }

    private static ExtensionConfiguration Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.GetBoolean(5), reader.GetInt32(6), reader.GetString(7));

    /// <summary>
    /// Creates an extension (what <c>pbx extension add</c> does). Without <paramref name="password"/> one is generated.
    /// Returns the password to show once, or null when the number already exists (nothing is changed then).
    /// </summary>
    public async Task<string?> AddAsync(string number, string? displayName = null, string? password = null, CancellationToken cancellationToken = default)
    {
        password ??= GeneratePassword();
        var realm = options.Value.Realm;
        await using var command = dataSource.CreateCommand(
            "insert into extensions (number, display_name, realm, ha1_md5, ha1_sha256) values ($1, $2, $3, $4, $5) on conflict (number) do nothing");
        AddCredentialParameters(command, number, displayName ?? "", realm, password);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? password : null;
    }

    /// <summary>Creates the extension or overwrites its name, password and contact limit (the seed step: idempotent).</summary>
    public async Task UpsertAsync(string number, string displayName, string password, int maxContacts, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into extensions (number, display_name, realm, ha1_md5, ha1_sha256, max_contacts) values ($1, $2, $3, $4, $5, $6)
            on conflict (number) do update set display_name = excluded.display_name, realm = excluded.realm,
                ha1_md5 = excluded.ha1_md5, ha1_sha256 = excluded.ha1_sha256, max_contacts = excluded.max_contacts, updated_at = now()
            """);
        AddCredentialParameters(command, number, displayName, options.Value.Realm, password);
        command.Parameters.Add(new NpgsqlParameter { Value = maxContacts });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces the extension's password (HA1 values for the configured realm); false when it does not exist.</summary>
    public async Task<bool> SetPasswordAsync(string number, string password, CancellationToken cancellationToken = default)
    {
        var realm = options.Value.Realm;
        await using var command = dataSource.CreateCommand(
            "update extensions set realm = $2, ha1_md5 = $3, ha1_sha256 = $4, updated_at = now() where number = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = realm });
        command.Parameters.Add(new NpgsqlParameter { Value = SipCredentialHash.Md5(number, realm, password) });
        command.Parameters.Add(new NpgsqlParameter { Value = SipCredentialHash.Sha256(number, realm, password) });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Enables or disables the extension; false when it does not exist. Tell its grain with <see cref="IExtensionGrain.ReloadAsync"/>.</summary>
    public async Task<bool> SetEnabledAsync(string number, bool enabled, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("update extensions set enabled = $2, updated_at = now() where number = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = enabled });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void AddCredentialParameters(NpgsqlCommand command, string number, string displayName, string realm, string password)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = displayName });
        command.Parameters.Add(new NpgsqlParameter { Value = realm });
        command.Parameters.Add(new NpgsqlParameter { Value = SipCredentialHash.Md5(number, realm, password) });
        command.Parameters.Add(new NpgsqlParameter { Value = SipCredentialHash.Sha256(number, realm, password) });
    }
}
