using Npgsql;

namespace Pbx.TestSupport;

/// <summary>The PBX's tables in a test database, made by the production migrations.</summary>
public static class ProductionSchema
{
    /// <summary>Applies every production migration, in file-name order, exactly as the silo's runner would.</summary>
    public static async Task ApplyAsync(string connectionString)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", "Silo", "Persistence", "Migrations");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var file in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
