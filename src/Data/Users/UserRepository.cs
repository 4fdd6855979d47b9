using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Pbx.Data.Users;

/// <summary>
/// The <c>users</c> table. Besides the API, the <c>create-admin</c> command and demo seeding use it:
/// <c>new UserRepository(dataSource).CreateAsync("admin", password, Roles.Admin)</c>.
/// Passwords are stored only as PBKDF2 hashes (ASP.NET Core Identity <see cref="PasswordHasher{TUser}"/>).
/// </summary>
public sealed class UserRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, username, role, extension_number as ExtensionNumber, created_at as CreatedAt, " +
        "password_hash as PasswordHash, session_version as SessionVersion, language";

    /// <summary>The console languages a user may choose (the <c>users.language</c> check).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "uz"];

    private static readonly PasswordHasher<ApiUser> Hasher = new();
    private static readonly ApiUser DecoyUser = new() { Username = "", Role = "" };
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(DecoyUser, Guid.NewGuid().ToString()));

    /// <summary>
    /// Sets the console language of user <paramref name="id"/>; null when there is no such user. A language not in
    /// <see cref="Languages"/> fails the table's check as <see cref="RowConflictException"/>.
    /// </summary>
    public Task<ApiUser?> SetLanguageAsync(long id, string language, CancellationToken cancellationToken = default) =>
        RowConflictException.TranslateAsync("users", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<ApiUser>(new CommandDefinition(
                $"update users set language = @language where id = @id returning {Columns}", new { id, language }, cancellationToken: cancellationToken));
        });

    /// <summary>Creates a user; null when the username is taken.</summary>
    public async Task<ApiUser?> CreateAsync(string username, string password, string role, string? extensionNumber = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiUser>(new CommandDefinition(
            $"""
            insert into users (username, password_hash, role, extension_number) values (@username, @hash, @role, @extensionNumber)
            on conflict (username) do nothing
            returning {Columns}
            """,
            new { username, hash = HashPassword(password), role, extensionNumber },
            cancellationToken: cancellationToken));
    }

    /// <summary>Sets a new password, ending the user's sessions; false when no such user.</summary>
    public async Task<bool> SetPasswordAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update users set password_hash = @hash, session_version = session_version + 1 where username = @username",
            new { username, hash = HashPassword(password) },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Sets a new password, ending the user's sessions; false when no such user.</summary>
    public async Task<bool> SetPasswordAsync(long id, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update users set password_hash = @hash, session_version = session_version + 1 where id = @id",
            new { id, hash = HashPassword(password) },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<ApiUser?> FindByUsernameAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiUser>(new CommandDefinition(
            $"select {Columns} from users where username = @username", new { username }, cancellationToken: cancellationToken));
    }

    public async Task<ApiUser?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiUser>(new CommandDefinition(
            $"select {Columns} from users where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>A page of users in username order.</summary>
    public async Task<RowPage<ApiUser>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from users", cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ApiUser>(new CommandDefinition(
            $"select {Columns} from users order by username limit @limit offset @offset",
            new { limit, offset },
            cancellationToken: cancellationToken));
        return new RowPage<ApiUser>(items.AsList(), total);
    }

    /// <summary>Whether any user exists (none on a first run).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from users)", cancellationToken: cancellationToken));
    }

    // Keeps at least one admin: without one, nobody could manage users again except through the database.
    private const string KeepsAnAdmin = "(role <> 'admin' or exists (select 1 from users other where other.role = 'admin' and other.id <> @id))";

    /// <summary>Changes role and extension; null when no such user, or when it would demote the last admin.</summary>
    public async Task<ApiUser?> UpdateAsync(long id, string role, string? extensionNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiUser>(new CommandDefinition(
            $"update users set role = @role, extension_number = @extensionNumber, session_version = session_version + 1 where id = @id and (@role = 'admin' or {KeepsAnAdmin}) returning {Columns}",
            new { id, role, extensionNumber },
            cancellationToken: cancellationToken));
    }

    /// <summary>Deletes a user; false when no such user, or when it is the last admin.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"delete from users where id = @id and {KeepsAnAdmin}", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Checks a password against the stored hash, upgrading the hash when the hasher's parameters have grown.</summary>
    public async Task<bool> VerifyPasswordAsync(ApiUser user, string password, CancellationToken cancellationToken = default)
    {
        switch (Hasher.VerifyHashedPassword(user, user.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return true;
            case PasswordVerificationResult.SuccessRehashNeeded:
                // The same password under stronger parameters: the user's sessions go on.
                await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
                {
                    await connection.ExecuteAsync(new CommandDefinition("update users set password_hash = @hash where id = @id",
                        new { id = user.Id, hash = HashPassword(password) }, cancellationToken: cancellationToken));
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>Ends every session of the user (sign-out): tokens issued before stop working; false when no such user.</summary>
    public async Task<bool> EndSessionsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update users set session_version = session_version + 1 where id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Checks against a hash nobody's password matches, so an unknown username costs as much time as a known one.</summary>
    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(DecoyUser, DecoyHash.Value, password);

    private static string HashPassword(string password) => Hasher.HashPassword(DecoyUser, password);
}
