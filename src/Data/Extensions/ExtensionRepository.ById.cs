using Dapper;

namespace Pbx.Data.Extensions;

/// <summary>The API's view of the table: rows by their id, as <see cref="Extension"/>, never with their HA1 values.</summary>
public sealed partial class ExtensionRepository
{
    private const string Columns =
        "id, number, display_name as DisplayName, realm, enabled, max_contacts as MaxContacts, created_at as CreatedAt, updated_at as UpdatedAt";

    /// <summary>A page of extensions in number order: <paramref name="numberPrefix"/> starts the number, <paramref name="nameContains"/> is in the name (any case).</summary>
    public async Task<RowPage<Extension>> ListAsync(string? numberPrefix, string? nameContains, int offset, int limit, CancellationToken cancellationToken)
    {
        // LIKE wildcards in the filters are matched literally.
        const string where = """
            where (@number::text is null or number like replace(replace(@number, '%', '\%'), '_', '\_') || '%')
              and (@name::text is null or display_name ilike '%' || replace(replace(@name, '%', '\%'), '_', '\_') || '%')
            """;
        var args = new { number = numberPrefix, name = nameContains, limit, offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from extensions {where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Extension>(new CommandDefinition(
            $"select {Columns} from extensions {where} order by number limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return new RowPage<Extension>(rows.AsList(), total);
    }

    /// <summary>The extension <paramref name="id"/>, or null.</summary>
    public async Task<Extension?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Extension>(new CommandDefinition(
            $"select {Columns} from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Creates an extension with <paramref name="password"/> stored as HA1 only; null when the number exists.</summary>
    public async Task<Extension?> CreateAsync(string number, string displayName, string password, bool enabled, int maxContacts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Extension>(new CommandDefinition(
            $"""
            insert into extensions (number, display_name, realm, ha1_md5, ha1_sha256, enabled, max_contacts)
            values (@Number, @DisplayName, @Realm, @Md5, @Sha256, @Enabled, @MaxContacts)
            on conflict (number) do nothing
            returning {Columns}
            """,
            Credentials(number, displayName, password) with { Enabled = enabled, MaxContacts = maxContacts },
            cancellationToken: cancellationToken));
    }

    /// <summary>Changes what is given (null keeps the value); null when there is no extension <paramref name="id"/>.</summary>
    public async Task<Extension?> UpdateAsync(long id, string? displayName, int? maxContacts, bool? enabled, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Extension>(new CommandDefinition(
            $"""
            update extensions set
                display_name = coalesce(@displayName, display_name),
                max_contacts = coalesce(@maxContacts, max_contacts),
                enabled = coalesce(@enabled, enabled),
                updated_at = @now
            where id = @id
            returning {Columns}
            """,
            new { id, displayName, maxContacts, enabled, now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <summary>The DID numbers whose calls go to extension <paramref name="id"/>, in number order.</summary>
    public async Task<IReadOnlyList<string>> ListDidsRoutedToAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            select d.number from did_numbers d join extensions e on d.destination_kind = 'extension' and d.destination_target = e.number
            where e.id = @id order by d.number
            """,
            new { id },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Deletes extension <paramref name="id"/>: its number, or null when there was none.</summary>
    public async Task<string?> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "delete from extensions where id = @id returning number", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the password of extension <paramref name="id"/> (HA1 values for the configured realm): its number, or null when there is none.</summary>
    public async Task<string?> SetPasswordAsync(long id, string password, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The number is part of what HA1 hashes, so it is read first; the update checks it did not change meanwhile.
        var number = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select number from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
        if (number is null)
            return null;
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "update extensions set realm = @Realm, ha1_md5 = @Md5, ha1_sha256 = @Sha256, updated_at = @Now where id = @Id and number = @Number",
            Credentials(number, "", password) with { Id = id, Now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        return updated == 1 ? number : null;
    }
}
