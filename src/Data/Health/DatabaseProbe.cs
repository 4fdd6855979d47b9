using System.Diagnostics;
using Npgsql;

namespace Pbx.Data.Health;

/// <summary>Whether PostgreSQL answers, and how fast: the readiness check and the system status both ask it.</summary>
public sealed class DatabaseProbe(NpgsqlDataSource db)
{
    /// <summary>One <c>select 1</c> round trip (a pooled connection, so mostly the network and the server's answer).</summary>
    public async Task<DatabasePing> PingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var command = db.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return new DatabasePing(true, Stopwatch.GetElapsedTime(started));
        }
        catch (NpgsqlException e)
        {
            return new DatabasePing(false, null, e);
        }
    }
}
