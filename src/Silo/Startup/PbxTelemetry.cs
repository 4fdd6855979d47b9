using Npgsql;
using OpenTelemetry.Metrics;
using Pbx.EdgeSip.Hosting;
using Pbx.Grains.Calls;
using Pbx.MediaNode.Rtp;

namespace Pbx.Silo.Startup;

/// <summary>
/// OpenTelemetry metrics of every role, exported for Prometheus at <c>/metrics</c> on the process's HTTP port: the PBX's
/// own meters (SIP requests and registrations, calls started/ended/active, RTP packets and drops), Orleans' (activations,
/// messaging), PostgreSQL's through Npgsql (command durations), ASP.NET Core's and the runtime's (GC, thread pool).
/// </summary>
public static class PbxTelemetry
{
    private const string OrleansMeter = "Microsoft.Orleans";

    public static void AddPbxTelemetry(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("Metrics:Enabled", true))
            return;
        builder.Services.AddSingleton(MetricsAccess.From(builder.Configuration.GetSection("Metrics:AllowFrom").Get<string[]>()));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SipMetrics.MeterName, CallMetrics.MeterName, MediaCounters.MeterName, OrleansMeter)
            .AddNpgsqlInstrumentation()
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>Serves <c>/metrics</c> to the networks <see cref="MetricsAccess"/> allows; anyone else gets 404, as for no such page.</summary>
    public static WebApplication UsePbxMetrics(this WebApplication app)
    {
        if (app.Services.GetService<MetricsAccess>() is not { } access)
            return app;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == "/metrics" && access.Allows(context.Connection.RemoteIpAddress));
        return app;
    }
}
