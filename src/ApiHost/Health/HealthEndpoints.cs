using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Pbx.ApiHost.Health;

/// <summary>
/// <c>/health/live</c> (the process answers; runs no check) and <c>/health/ready</c> (every check tagged
/// <see cref="ReadyTag"/>: the database here; other roles add their own with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name, tags: [HealthEndpoints.ReadyTag])</c>).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
