using Pbx.ApiHost.Apis.Calls;
using Pbx.ApiHost.Apis.DialRules;
using Pbx.ApiHost.Apis.DidNumbers;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Apis.IvrMenus;
using Pbx.ApiHost.Apis.Prompts;
using Pbx.ApiHost.Apis.Recordings;
using Pbx.ApiHost.Apis.TimeConditions;
using Pbx.ApiHost.Apis.Me;
using Pbx.ApiHost.Apis.Stats;
using Pbx.ApiHost.Apis.SystemStatus;
using Pbx.ApiHost.Apis.Trunks;
using Pbx.ApiHost.Apis.Users;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Console;
using Pbx.ApiHost.Health;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.ApiHost.Security;

namespace Pbx.ApiHost;

/// <summary>The API's middleware and endpoints, in the order they must run.</summary>
public static class ApiHostEndpointExtensions
{
    /// <summary>Adds forwarded-header handling, security headers, error handling, CORS, authentication and rate limiting, then serves the console, maps every <c>/api/v1</c> resource, the live hub, health and OpenAPI.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        // Unhandled exceptions become a bare 500 problem (details stay in the log); empty 4xx bodies (401, 403,
        // 404 for unknown routes, 405) become problem details too.
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNulFreeQueries();
        app.UseCors();
        app.UseConsole();
        app.UseDevelopmentSwaggerUi();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapAuthApi();
        app.MapUsersApi();
        app.MapExtensionsApi();
        app.MapCallsApi();
        app.MapCallActionsApi();
        app.MapPhoneApi();
        app.MapDidNumbersApi();
        app.MapTrunksApi();
        app.MapDialRulesApi();
        app.MapIvrMenusApi();
        app.MapRecordingsApi();
        app.MapPromptsApi();
        app.MapTimeConditionsApi();
        app.MapStatsApi();
        app.MapSystemApi();
        app.MapPreferencesApi();
        app.MapLiveApi();
        // A live view stays open only as long as its token: at expiry the hub closes it and the page signs in again.
        app.MapHub<LiveHub>(LiveHub.Path, options => options.CloseOnAuthenticationExpiration = true);
        app.MapHealthEndpoints();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
