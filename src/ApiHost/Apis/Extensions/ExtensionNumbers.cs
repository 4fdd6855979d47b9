using Dapper;
using Npgsql;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>Finds the number (the grain key) of an extension from the id the REST API names it by.</summary>
internal sealed class ExtensionNumbers(NpgsqlDataSource db)
{
    /// <summary>The number of extension <paramref name="id"/>, or null when there is no such row.</summary>
    public async Task<string?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select number from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
    }
}
