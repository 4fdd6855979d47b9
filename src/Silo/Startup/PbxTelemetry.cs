using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Pbx.MediaNode.Engine;
using Pbx.EdgeSip.Hosting;
using Pbx.Grains.Calls;
using Pbx.MediaNode.Rtp;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Startup;

/// <summary>
/// OpenTelemetry metrics of every role, exported for Prometheus at <c>/metrics</c> on the process's HTTP port: the PBX's
/// own meters (SIP requests and registrations, calls started/ended/active, RTP packets and drops), Orleans' (activations,
/// messaging), PostgreSQL's through Npgsql (command durations), ASP.NET Core's and the runtime's (GC, thread pool); and,
/// when <see cref="TraceOptions.Enabled"/>, traces.
/// </summary>
public static class PbxTelemetry
{
    private const string OrleansMeter = "Microsoft.Orleans";

    public static void AddPbxTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddPbxTraces();
        if (!builder.Configuration.GetValue("Metrics:Enabled", true))
            return;
        builder.Services.AddSingleton(MetricsAccess.From(builder.Configuration.GetSection("Metrics:AllowFrom").Get<string[]>()));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SipMetrics.MeterName, CallMetrics.MeterName, MediaCounters.MeterName, DatabaseWatch.MeterName, OrleansMeter)
            .AddNpgsqlInstrumentation()
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>The spans of <see cref="TraceOptions"/>: the PBX's sources, Orleans', ASP.NET Core's and Npgsql's, to OTLP when configured.</summary>
    private static void AddPbxTraces(this WebApplicationBuilder builder)
    {
        var options = TraceOptions.From(builder.Configuration);
        if (!options.Enabled)
            return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pbx", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SipTracing.SourceName, MediaTracing.SourceName, ActivitySources.AllActivitySourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddNpgsql();
                if (!string.IsNullOrEmpty(options.OtlpEndpoint))
                    tracing.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint));
            });
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
