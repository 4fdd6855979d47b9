using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Pbx.ApiHost;
using Pbx.ApiHost.Apis.Stats;
using Pbx.ApiHost.Hubs;
using Pbx.EdgeSip.Calls;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Registrar;
using Pbx.EdgeSip.Trunks;
using Pbx.Certificates;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Grains.Trunks;
using Pbx.MediaNode.Hosting;
using Pbx.Silo.Hosting;
using Pbx.Silo.Https;
using Pbx.Silo.Live;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Startup;

/// <summary>Composes the configured roles into one host and runs it until Ctrl-C.</summary>
internal static class PbxApplication
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(args);
        var roles = builder.Configuration.GetSection(RoleOptions.Section).Get<RoleOptions>() ?? new RoleOptions();
        if (roles.Validate() is { } invalid)
            return Fail(invalid);
        var app = Build(builder, roles);
        return await RunGuardedAsync(() => app.RunAsync(cancellationToken));
    }

    /// <summary>The host of <paramref name="roles"/>, built but not started: what <see cref="RunAsync"/> runs, and what integration tests start.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, RoleOptions roles)
    {
        // First, so settings that leave phones without audio stop start-up before the silo or any socket starts.
        if (roles.Edge && roles.Media)
            builder.Services.AddHostedService<PhoneAudioStartupCheck>();
        if (roles.Silo)
        {
            builder.Services.AddSilo(builder.Configuration);
            builder.Services.AddCalls(builder.Configuration);
        }
        else
        {
            // Edge, media and API alone are Orleans clients of the silos found in the membership table.
            builder.Services.AddClusterClient(builder.Configuration, dashboard: roles.Api);
        }
        // Extension rows and trunks are read by the silo's grains and by the edge (credentials, trunks to register).
        if (roles.Silo || roles.Edge)
        {
            builder.Services.AddExtensions(builder.Configuration);
            builder.Services.AddTrunks(builder.Configuration);
        }
        // The demo data includes the API's admin user, so it needs the API role's repositories.
        if (roles.Silo && roles.Api)
            builder.Services.AddHostedService<DemoSeeder>();
        if (roles.Edge)
            builder.Services.AddEdgeSip(builder.Configuration).AddSipRegistrar(builder.Configuration).AddSipCalls(builder.Configuration).AddSipTrunks(builder.Configuration);
        if (roles.Media)
            builder.Services.AddMediaNode(builder.Configuration);
        if (roles.Api)
        {
            builder.Services.AddApiHost(builder.Configuration);
            builder.Services.AddSingleton<ILiveCallStatistics, GrainLiveCallStatistics>();
            builder.Services.AddLiveEventSink();
        }

        // After the edge, whose certificate store (validated with the SIP options) HTTPS then shares.
        builder.Services.AddPbxHttps(builder.Configuration);
        builder.Services.AddHostedService(services => new WelcomeBanner(
            services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<IServer>(), services.GetRequiredService<IConfiguration>(),
            roles.Edge ? services.GetRequiredService<SipTransportSet>() : null, roles.Api));
        var app = builder.Build();
        app.UsePbxHttps();
        app.UsePbxMetrics();
        if (roles.Api)
            app.UsePbxRequestLogging().MapApi().MapOrleansDashboardForAdmins();
        return app;
    }

    /// <summary>The builder every command shares: configuration sources, Serilog.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Settings come from appsettings.json beside the binary, an optional file named by PBX_CONFIG,
        // environment variables (Sip__Udp__0=..., or with the PBX_ prefix) and the command line, later ones winning.
        // The file is watched as appsettings.json is: settings read per use (the API's token keys) change without a restart.
        if (Environment.GetEnvironmentVariable("PBX_CONFIG") is { Length: > 0 } file)
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
        builder.Configuration.AddEnvironmentVariables("PBX_");
        builder.Configuration.AddCommandLine(args);
        builder.AddPbxLogging();
        builder.AddPbxTelemetry();
        return builder;
    }

    /// <summary>Turns the start-up failures an operator can fix into one line on stderr and exit code 1.</summary>
    public static async Task<int> RunGuardedAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception ex) when (IsOperatorFixable(ex))
        {
            return Fail(ex is OptionsValidationException invalid ? $"invalid configuration: {string.Join(" ", invalid.Failures)}" : ex.Message);
        }
    }

    /// <summary>Failures whose message tells the operator what to fix, so no stack trace is shown for them.</summary>
    public static bool IsOperatorFixable(Exception exception)
        => exception is DatabaseUnavailableException or MigrationFailedException or OptionsValidationException or CertificateException;

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pbx: {message}");
        return 1;
    }
}
