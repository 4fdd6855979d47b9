using Npgsql;

namespace Pbx.Silo.Persistence;

/// <summary>Opens the first connection of start-up, turning "cannot connect" into one readable line.</summary>
internal static class DatabaseConnection
{
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // A refused socket surfaces as NpgsqlException wrapping SocketException; a missing database or bad
            // credentials as PostgresException. All mean the same to an operator: fix the database or the setting.
            var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            var reason = ex is PostgresException pg ? pg.MessageText : (ex.InnerException ?? ex).Message;
            throw new DatabaseUnavailableException(target.Host ?? "(no host)", target.Port, target.Database ?? "(default)", reason, ex);
        }
    }
}
