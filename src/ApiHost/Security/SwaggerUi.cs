using Microsoft.Extensions.Hosting;

namespace Pbx.ApiHost.Security;

/// <summary>The interactive API explorer, served in Development only from the package's embedded files (no CDN).</summary>
internal static class SwaggerUi
{
    public const string Path = "/swagger";

    public static WebApplication UseDevelopmentSwaggerUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            return app;
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = Path.TrimStart('/');
            options.SwaggerEndpoint("/openapi/v1.json", "PBX API v1");
            options.DocumentTitle = "PBX API";
        });
        return app;
    }
}
