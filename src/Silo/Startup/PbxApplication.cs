using Microsoft.Extensions.Options;
using Pbx.ApiHost;
using Pbx.ApiHost.Apis.Stats;
using Pbx.ApiHost.Hubs;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Registrar;
using Pbx.Grains.Extensions;
using Pbx.MediaNode.Hosting;
using Pbx.Silo.Hosting;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Startup;

/// <summary>Composes the configured roles into one host and runs it until Ctrl-C.</summary>
internal static class PbxApplication
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(args);
        if (ReadRoles(builder.Configuration).Validate() is { } invalid)
            return Fail(invalid);
        var app = Build(builder);
        return await RunGuardedAsync(() => app.RunAsync(cancellationToken));
    }

    /// <summary>
    /// Composes the roles configured in <paramref name="builder"/> into a host ready to start; tests start it in-process.
    /// Throws <see cref="InvalidOperationException"/> when the Roles section is invalid.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var roles = ReadRoles(builder.Configuration);
        if (roles.Validate() is { } invalid)
            throw new InvalidOperationException(invalid);

        if (roles.Silo)
        {
            builder.Services.AddSilo(builder.Configuration).AddGrains(typeof(ExtensionGrain).Assembly);
            builder.Services.AddExtensions(builder.Configuration);
            builder.Services.AddHostedService<DemoSeeder>();
            if (roles.Api)
                builder.Services.AddSingleton<ILiveCallStatistics, GrainLiveCallStatistics>();
        }
        if (roles.Edge)
            builder.Services.AddEdgeSip(builder.Configuration).AddSipRegistrar(builder.Configuration);
        if (roles.Media)
            builder.Services.AddMediaNode(builder.Configuration);
        if (roles.Api)
            builder.Services.AddApiHost(builder.Configuration);

        builder.Services.AddHostedService<WelcomeBanner>();
        var app = builder.Build();
        if (roles.Api)
            app.MapApi();
        return app;
    }

    private static RoleOptions ReadRoles(IConfiguration configuration) =>
        configuration.GetSection(RoleOptions.Section).Get<RoleOptions>() ?? new RoleOptions();

    /// <summary>The builder every command shares: configuration sources, Serilog.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Settings come from appsettings.json beside the binary, an optional file named by PBX_CONFIG,
        // environment variables (Sip__Udp__0=..., or with the PBX_ prefix) and the command line, later ones winning.
        if (Environment.GetEnvironmentVariable("PBX_CONFIG") is { Length: > 0 } file)
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables("PBX_");
        builder.Configuration.AddCommandLine(args);
        builder.AddPbxLogging();
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
        catch (DatabaseUnavailableException ex)
        {
            return Fail(ex.Message);
        }
        catch (MigrationFailedException ex)
        {
            return Fail(ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            return Fail($"Invalid configuration: {string.Join(" ", ex.Failures)}");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"pbx: {message}");
        return 1;
    }
}
