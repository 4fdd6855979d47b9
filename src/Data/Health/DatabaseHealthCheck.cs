using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pbx.Data.Health;

/// <summary>Ready only while PostgreSQL answers: without it the API can serve nothing.</summary>
public sealed class DatabaseHealthCheck(DatabaseProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ping = await probe.PingAsync(cancellationToken);
        // The description is shown to callers, so it names the failure's kind, not the server's address.
        return ping.Reachable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", ping.Failure);
    }
}
