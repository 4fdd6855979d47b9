using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Pbx.Silo.Startup;

/// <summary>
/// Serilog as the only logging provider: one line per event, as text or (<c>Log:Format=json</c>) as compact JSON for a log
/// shipper; level from <c>Log:Level</c> or a Serilog section.
/// </summary>
public static class PbxLogging
{
    private const string Template =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static void AddPbxLogging(this WebApplicationBuilder builder)
    {
        var level = builder.Configuration.GetValue("Log:Level", LogEventLevel.Information);
        var json = string.Equals(builder.Configuration["Log:Format"], "json", StringComparison.OrdinalIgnoreCase);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Kestrel and the framework chatter at Information about every request; keep them at Warning unless asked.
            .MinimumLevel.Override("Microsoft", level > LogEventLevel.Warning ? level : LogEventLevel.Warning)
            // Orleans runs each grain placement through a Polly pipeline that logs two Information lines per activation:
            // thousands a second on a busy PBX.
            .MinimumLevel.Override("Polly", level > LogEventLevel.Warning ? level : LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // Start-up failures an operator can fix are printed as one line by PbxApplication; the host would add a stack dump.
            .Filter.ByExcluding(e => e.Exception is not null && PbxApplication.IsOperatorFixable(e.Exception));
        configuration = json
            ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: Template, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        builder.Logging.ClearProviders();
        // Also registers the diagnostic context the request log of the API (UsePbxRequestLogging) fills.
        builder.Services.AddSerilog(configuration.CreateLogger(), dispose: true);
    }

    /// <summary>
    /// One line per API request (method, path, status, time): server errors at Error, refusals (4xx) at Information so an
    /// operator sees failed logins and bad requests, the rest at Debug (a console's polling would drown everything else).
    /// </summary>
    public static WebApplication UsePbxRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : context.Response.StatusCode >= 400 ? LogEventLevel.Information
            : LogEventLevel.Debug);
        return app;
    }
}
