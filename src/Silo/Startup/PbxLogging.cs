using Serilog;
using Serilog.Events;

namespace Pbx.Silo.Startup;

/// <summary>Serilog as the only logging provider: one line per event, level from <c>Log:Level</c> or a Serilog section.</summary>
public static class PbxLogging
{
    private const string Template =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static void AddPbxLogging(this WebApplicationBuilder builder)
    {
        var level = builder.Configuration.GetValue("Log:Level", LogEventLevel.Information);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Kestrel and the framework chatter at Information about every request; keep them at Warning unless asked.
            .MinimumLevel.Override("Microsoft", level > LogEventLevel.Warning ? level : LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // Start-up failures an operator can fix are printed as one line by PbxApplication; the host would add a stack dump.
            .Filter.ByExcluding(e => e.Exception is not null && PbxApplication.IsOperatorFixable(e.Exception))
            .WriteTo.Console(outputTemplate: Template, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
