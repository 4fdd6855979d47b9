using Microsoft.Net.Http.Headers;
using Pbx.ApiHost.Dashboard;

namespace Pbx.ApiHost.Security;

/// <summary>Response headers that stop browsers from sniffing, framing or leaking URLs of API responses.</summary>
internal static class SecurityHeaders
{
    /// <summary>API answers are JSON, CSV or media: nothing in them may run or load anything. The console and the
    /// Swagger UI and the Orleans dashboard set their own, looser policy for their pages.</summary>
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Swagger UI 7.2 loads its own script and stylesheet, draws inline styles and data: images, and fetches the document.</summary>
    public const string SwaggerUiContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set before the rest of the pipeline so the console's static files can replace the policy with theirs.
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            headers[HeaderNames.ContentSecurityPolicy] = path.StartsWithSegments(SwaggerUi.Path) ? SwaggerUiContentSecurityPolicy
                : path.StartsWithSegments(OrleansDashboardAccess.Path) ? OrleansDashboardAccess.ContentSecurityPolicy
                : ApiContentSecurityPolicy;
            return next(context);
        });
        return app;
    }
}
