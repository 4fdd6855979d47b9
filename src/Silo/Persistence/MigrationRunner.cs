using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pbx.Silo.Persistence;

/// <summary>
/// Applies the versioned migrations once each, in order, under a PostgreSQL advisory lock so that several silos
/// starting together do not race; schema_migrations records what was applied.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, MigrationSet migrations, ILogger<MigrationRunner> logger)
{
    // Any constant shared by all silos of one database; "PBXMIGR" in ASCII.
    private const long AdvisoryLockKey = 0x50_42_58_4D_49_47_52;

    /// <summary>Applies what is missing. Throws <see cref="DatabaseUnavailableException"/> or <see cref="MigrationFailedException"/>.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var scripts = Ordered(migrations.Scripts);
        await using var connection = await DatabaseConnection.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, """
                create table if not exists schema_migrations (
                    version     int primary key,
                    file_name   text not null,
                    applied_at  timestamptz not null default now())
                """, cancellationToken).ConfigureAwait(false);
            var applied = await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
            var count = 0;
            foreach (var script in scripts)
            {
                if (applied.Contains(script.Version))
                    continue;
                await ApplyAsync(connection, script, cancellationToken).ConfigureAwait(false);
                LogApplied(logger, script.FileName);
                count++;
            }
            LogUpToDate(logger, scripts.Count, count);
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static List<MigrationScript> Ordered(IReadOnlyList<MigrationScript> scripts)
    {
        var ordered = scripts.OrderBy(s => s.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
                throw new InvalidOperationException($"Migrations {ordered[i - 1].FileName} and {ordered[i].FileName} share version {ordered[i].Version}.");
        }
        return ordered;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("insert into schema_migrations (version, file_name) values ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = script.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = script.FileName });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw new MigrationFailedException(script.FileName, ex);
        }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
