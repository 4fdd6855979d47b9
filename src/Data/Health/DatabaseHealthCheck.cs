using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Pbx.Data.Health;

/// <summary>Ready only while PostgreSQL answers: without it the API can serve nothing.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = db.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException e)
        {
            // The description is shown to callers, so it names the failure's kind, not the server's address.
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }
}
