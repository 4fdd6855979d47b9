using Npgsql;
using Pbx.TestSupport;

namespace Pbx.Grains.Tests.Cdrs;

/// <summary>The production migrations that make the <c>cdrs</c> and <c>recordings</c> tables, applied to a test database.</summary>
internal static class CdrSchema
{
    private static readonly string[] Migrations = ["0002_core.sql", "0065_recording_completion.sql", "0074_cdr_owner_silo.sql"];

    public static async Task CreateAsync(NpgsqlDataSource dataSource)
    {
        foreach (var migration in Migrations)
        {
            var sql = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "Silo", "Persistence", "Migrations", migration));
            await using var create = dataSource.CreateCommand(sql);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>How many rows <paramref name="sql"/> (a <c>select count(*)</c>) counts.</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var count = dataSource.CreateCommand(sql);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
