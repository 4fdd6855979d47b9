namespace Pbx.Silo.Startup;

/// <summary>
/// Distributed traces, section <c>Traces</c>: off by default. On, each process makes spans for SIP requests, grain calls
/// (Orleans activity propagation: a call's trace runs edge, call grain, media node, across processes), media control,
/// HTTP requests and PostgreSQL commands, and exports them over OTLP when <see cref="OtlpEndpoint"/> is set.
/// </summary>
public sealed class TraceOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Traces";

    /// <summary>Whether spans are made and grain calls carry the trace context.</summary>
    public bool Enabled { get; set; }

    /// <summary>The OTLP collector (gRPC, <c>http://collector:4317</c>); empty, spans go only to in-process listeners.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The options in <paramref name="configuration"/>.</summary>
    public static TraceOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<TraceOptions>() ?? new TraceOptions();
}
