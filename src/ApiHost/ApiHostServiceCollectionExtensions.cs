using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Apis.Prompts;
using Pbx.ApiHost.Apis.Recordings;
using Pbx.ApiHost.Apis.Stats;
using Pbx.ApiHost.Apis.SystemStatus;
using Pbx.ApiHost.Apis.Trunks;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Dashboard;
using Pbx.ApiHost.Health;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.ApiHost.Security;
using Pbx.Data;
using Pbx.Data.Health;
using Pbx.Grains.Extensions;

namespace Pbx.ApiHost;

/// <summary>Registers the REST administration API; <see cref="ApiHostEndpointExtensions.MapApi"/> maps it.</summary>
public static class ApiHostServiceCollectionExtensions
{
    /// <summary>The default of <c>Api:MaxRequestBodyBytes</c>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Everything the API needs: the repositories it reads and writes through (over the data source already registered,
    /// or one built from <c>Database:ConnectionString</c>); a registered <see cref="ILiveCallStatistics"/> or zeros. The host
    /// must register Orleans' <c>IGrainFactory</c> (a silo or a cluster client in every role combination): configuration
    /// changes are told to the grains that cache them, and call actions and live state come from grains.
    /// </summary>
    public static IServiceCollection AddApiHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddRepositories(configuration);
        services.TryAddSingleton<ILiveCallStatistics, NoLiveCallStatistics>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (environment.IsDevelopment() && string.IsNullOrEmpty(options.SigningKey))
                    options.SigningKey = JwtOptions.DevelopmentSigningKey;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddOptions<LoginOptions>().Bind(configuration.GetSection(LoginOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoginOptions>, LoginOptionsValidator>();
        services.AddOptions<SipRealmOptions>().Bind(configuration.GetSection(SipRealmOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, $"{SipRealmOptions.SectionName}:Realm must be 1 to 128 characters without quotes or backslashes.")
            .ValidateOnStart();
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.RecordingsDirectory), $"{RecordingOptions.Section}:RecordingsDirectory must not be empty.")
            .Validate(o => o.RecordingRetentionDays is >= 0 and <= 36_500,
                $"{RecordingOptions.Section}:RecordingRetentionDays must be 0 (keep every recording) to 36500.")
            .Validate(o => o.RetentionCheckInterval >= TimeSpan.FromSeconds(1),
                $"{RecordingOptions.Section}:RetentionCheckInterval must be at least 00:00:01.")
            .ValidateOnStart();
        services.AddSingleton<RecordingRemover>();
        services.AddSingleton<RecordingRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingRetention>());
        services.AddPromptsApi(configuration);

        services.AddTrunksApi(configuration);
        services.AddSystemApi(configuration);
        services.AddSingleton<JwtSigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddScoped<LoginService>();
        services.AddSingleton<LoginThrottle>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorizationBuilder().AddApiPolicies();
        services.AddLoginRateLimit();
        services.AddApiSecurity(configuration);

        services.AddSignalR();
        services.AddSingleton<LiveCallBoard>();
        services.AddSingleton<CallControl>();
        services.AddSingleton<ExtensionDevices>();
        services.AddHostedService<LiveEventsForwarder>();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, HubAccessTokenFromQuery>();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, DashboardTokenFromCookie>();

        services.AddApiProblemDetails();
        // No API body comes near this; a client sending megabytes (a 10 MB "user name") gets 413 before anything reads it.
        var maxBody = configuration.GetValue<long?>("Api:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = maxBody);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        services.AddOpenApi();
        return services;
    }
}
